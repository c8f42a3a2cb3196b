"""Small fixes around pyftsubset, called by build.sh (run with Debian's python3 + fontTools).

prepare <collection> <font-number> <out.otf>
    Extracts one face of a collection and points U+2014 (—) and U+00B7 (·) at the font's
    full-width forms (its `fwid` substitutions): Chinese text sets ——  and the 间隔号 ·
    one em wide, and we do no GSUB shaping of our own.
finish <font.otf>
    After subsetting: adds ☐ ☑ ☒ (U+2610-2612), which Noto CJK lacks, drawn from the font's own
    □ (U+25A1); and stretches the full-width — to the whole em, so that a 破折号 —— is one
    unbroken line (the font's form leaves a gap of 0.14 em between the two dashes).
"""
import sys

from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.recordingPen import RecordingPen
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont


def fwid_map(font):
    gsub = font['GSUB'].table
    lookups = set()
    for rec in gsub.FeatureList.FeatureRecord:
        if rec.FeatureTag == 'fwid':
            lookups.update(rec.Feature.LookupListIndex)
    mapping = {}
    for index in sorted(lookups):
        for sub in gsub.LookupList.Lookup[index].SubTable:
            mapping.update(getattr(sub, 'mapping', None) or {})
    return mapping


def prepare(collection, number, out):
    # recalcTimestamp=False keeps the source's head.modified: rebuilding gives the same bytes.
    font = TTFont(collection, fontNumber=int(number), recalcTimestamp=False)
    fwid = fwid_map(font)
    for table in font['cmap'].tables:
        if not table.isUnicode():
            continue
        for cp in (0x2014, 0x00B7):
            glyph = table.cmap.get(cp)
            if glyph in fwid:
                table.cmap[cp] = fwid[glyph]
    font.save(out)


def add_glyph(font, name, charstring, width, lsb, fd_index, codepoint):
    top = font['CFF '].cff.topDictIndex[0]
    strings = top.CharStrings
    strings.charStringsIndex.append(charstring)
    strings.charStrings[name] = len(strings.charStringsIndex) - 1
    top.FDSelect.append(fd_index)
    # The font's glyph order is the CFF charset list itself: extend it once.
    order = font.getGlyphOrder()
    top.charset.append(name)
    if order is not top.charset:
        font.setGlyphOrder(order + [name])
    font['hmtx'][name] = (width, lsb)
    for table in font['cmap'].tables:
        if table.isUnicode():
            table.cmap[codepoint] = name


def finish(path):
    font = TTFont(path, recalcTimestamp=False)
    add_boxes(font)
    stretch_dash(font)
    # fontkit reads FDSelect before CharStrings, so it cannot size format 0: use ranges.
    font['CFF '].cff.topDictIndex[0].FDSelect.format = 3
    font.save(path)


def stretch_dash(font):
    cff = font['CFF '].cff
    top = cff.topDictIndex[0]
    strings = top.CharStrings
    name = font.getBestCmap()[0x2014]
    dash = strings[name]
    width, _ = font['hmtx'][name]
    pen = BoundsPen(None)
    dash.draw(pen)
    x0, _, x1, _ = pen.bounds
    fd_index = top.FDSelect[strings.charStrings[name]]
    private = top.FDArray[fd_index].Private
    out = T2CharStringPen(width - private.nominalWidthX, None)
    scale = width / (x1 - x0)
    dash.draw(TransformPen(out, (scale, 0, 0, 1, -x0 * scale, 0)))
    charstring = out.getCharString(private=private, globalSubrs=cff.GlobalSubrs)
    cid = max(int(n[3:]) for n in font.getGlyphOrder() if n.startswith('cid')) + 1
    # A new glyph for U+2014 only: other code points that shared the old one keep it.
    add_glyph(font, 'cid%05d' % cid, charstring, width, 0, fd_index, 0x2014)


def add_boxes(font):
    cff = font['CFF '].cff
    top = cff.topDictIndex[0]
    strings = top.CharStrings
    box_name = font.getBestCmap()[0x25A1]
    box = strings[box_name]
    fd_index = top.FDSelect[strings.charStrings[box_name]]
    private = top.FDArray[fd_index].Private
    width, lsb = font['hmtx'][box_name]

    # The inner contour of □ (the smaller bounding box) is where the marks go.
    rec = RecordingPen()
    box.draw(rec)
    contours, current = [], []
    for op, args in rec.value:
        current.append((op, args))
        if op in ('closePath', 'endPath'):
            contours.append(current)
            current = []
    def bounds(contour):
        pen = BoundsPen(None)
        for op, args in contour:
            getattr(pen, op)(*args)
        return pen.bounds
    inner = min((bounds(c) for c in contours), key=lambda b: (b[2] - b[0]) * (b[3] - b[1]))
    x0, y0, x1, y1 = inner
    side = x1 - x0
    pad = side * 0.14
    bar = side * 0.09  # stroke of the marks, close to the box's own

    def polygon(pen, points):
        pen.moveTo(points[0])
        for p in points[1:]:
            pen.lineTo(p)
        pen.closePath()

    def bar_between(pen, a, b):
        # A quadrilateral of thickness `bar` around the segment a-b.
        (ax, ay), (bx, by) = a, b
        dx, dy = bx - ax, by - ay
        length = (dx * dx + dy * dy) ** 0.5
        nx, ny = -dy / length * bar / 2, dx / length * bar / 2
        polygon(pen, [(ax + nx, ay + ny), (ax - nx, ay - ny), (bx - nx, by - ny), (bx + nx, by + ny)])

    marks = {
        0x2610: [],
        0x2611: [((x0 + pad, y0 + side * 0.5), (x0 + side * 0.42, y0 + pad)),
                 ((x0 + side * 0.40, y0 + pad), (x1 - pad, y1 - pad))],
        0x2612: [((x0 + pad, y0 + pad), (x1 - pad, y1 - pad)),
                 ((x0 + pad, y1 - pad), (x1 - pad, y0 + pad))],
    }
    for cp, bars in marks.items():
        pen = T2CharStringPen(width - private.nominalWidthX, None)
        box.draw(pen)
        for a, b in bars:
            bar_between(pen, a, b)
        charstring = pen.getCharString(private=private, globalSubrs=cff.GlobalSubrs)
        # Glyph names of a CID-keyed font are its CIDs, which the subsetter left sparse.
        cid = max(int(n[3:]) for n in font.getGlyphOrder() if n.startswith('cid')) + 1
        add_glyph(font, 'cid%05d' % cid, charstring, width, lsb, fd_index, cp)


if __name__ == '__main__':
    command, *args = sys.argv[1:]
    {'prepare': prepare, 'finish': finish}[command](*args)
