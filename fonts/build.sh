#!/usr/bin/env bash
# Builds the four subset fonts in this folder from Debian's fonts-noto-cjk.
# Needs: fonts-noto-cjk, fonttools (pyftsubset) and python3 with fontTools (Debian's python3-fonttools).
# Usage: fonts/build.sh [source-dir]   (default /usr/share/fonts/opentype/noto)
#        FONTS_OUT=/some/dir fonts/build.sh   to write the fonts elsewhere (default: this folder)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="${1:-/usr/share/fonts/opentype/noto}"
dest="${FONTS_OUT:-$here}"
mkdir -p "$dest"
# Debian's fontTools lives in the system python; a pyenv python on PATH may not have it.
py="${PYTHON:-/usr/bin/python3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The characters we keep: all of GB2312, ASCII, Latin-1, and the punctuation and symbols
# the exam papers and the handbook print.
"$py" - "$work/unicodes.txt" <<'PY'
import sys
cps = set()
# Every valid two-byte GB2312 code: rows 0xA1-0xF7, cells 0xA1-0xFE.
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            ch = bytes([hi, lo]).decode('gb2312')
        except UnicodeDecodeError:
            continue
        cps.update(ord(c) for c in ch)
cps.update(range(0x20, 0x7F))          # ASCII
cps.update(range(0xA0, 0x100))         # Latin-1 (punctuation, ×, ÷, ·, °, ±, ¥ ...)
cps.update(range(0xFF01, 0xFF5F))      # full-width forms
cps.update(range(0x3000, 0x3040))      # CJK symbols and punctuation
cps.update(range(0x2010, 0x2040))      # general punctuation: — … ‘ ’ “ ” • ‰ ※ ...
cps.update(range(0x2460, 0x2474))      # ① .. ⑳
cps.update(ord(c) for c in '√×÷±○●□■☐☑☒△▲▽▼◆◇★☆→←↑↓↔⇒¥￥℃№§※·・‧※…─━│')
cps.update([0xFFE5, 0x2103, 0x2116, *range(0x2160, 0x216C)])  # ￥ ℃ № Ⅰ..Ⅻ
with open(sys.argv[1], 'w') as f:
    f.write(','.join('U+%04X' % c for c in sorted(cps)))
print(f'{len(cps)} code points requested', file=sys.stderr)
PY

# The SC face is number 2 in each Noto CJK collection (jp, kr, sc, tc, hk); checked below.
build() { # <collection> <output> <expected PostScript name>
  local ttc="$src/$1" out="$work/$2" want="$3"
  local got
  got="$("$py" -c "
import sys
from fontTools.ttLib import TTFont
print(TTFont(sys.argv[1], fontNumber=2, lazy=True)['name'].getDebugName(6))" "$ttc")"
  if [[ "$got" != "$want" ]]; then
    echo "build.sh: face 2 of $ttc is '$got', expected '$want'" >&2
    exit 1
  fi
  "$py" "$here/tune.py" prepare "$ttc" 2 "$work/face.otf"
  # Horizontal text only, shaped by us: no layout features, no vertical metrics, no hinting.
  # Desubroutinized: files ~5% bigger, but fontkit then embeds subsets in PDFs 5x smaller and faster.
  pyftsubset "$work/face.otf" \
    --unicodes-file="$work/unicodes.txt" \
    --layout-features='' --no-hinting --desubroutinize \
    --drop-tables+=BASE,VORG,vhea,vmtx,GSUB,GPOS,GDEF,DSIG \
    --name-IDs='*' --name-languages='*' \
    --output-file="$out"
  "$py" "$here/tune.py" finish "$out"
  # Replace the font in one step: tests running meanwhile never see half a file.
  cp "$out" "$dest/.$2.new" && mv -f "$dest/.$2.new" "$dest/$2"
  printf '%-26s %8d bytes  (%s)\n' "$2" "$(stat -c %s "$dest/$2")" "$got"
}

build NotoSerifCJK-Regular.ttc NotoSerifSC-Regular.otf NotoSerifCJKsc-Regular
build NotoSerifCJK-Bold.ttc    NotoSerifSC-Bold.otf    NotoSerifCJKsc-Bold
build NotoSansCJK-Regular.ttc  NotoSansSC-Regular.otf  NotoSansCJKsc-Regular
build NotoSansCJK-Bold.ttc     NotoSansSC-Bold.otf     NotoSansCJKsc-Bold
