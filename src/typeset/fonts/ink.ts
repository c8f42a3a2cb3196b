// Where a glyph's ink lies across its advance: the horizontal extent of its outline, in font
// units, without loading fontkit. TrueType outlines carry their box in the glyph header; CFF
// charstrings (Type 2) are run far enough to see every point, control points included (the
// control box holds the ink, so a blank measured from it is never too wide).

/** [xMin, xMax] of the charstring's points; undefined for an empty glyph, null for one that calls subroutines. */
export function charstringExtent(cs: Uint8Array): [number, number] | undefined | null {
  const stack: number[] = [];
  let x = 0;
  let y = 0;
  let minX = Infinity;
  let maxX = -Infinity;
  let stems = 0;
  const to = (dx: number, dy: number) => {
    x += dx;
    y += dy;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
  };
  const curve = (a: number, b: number, c: number, d: number, e: number, f: number) => {
    to(a, b);
    to(c, d);
    to(e, f);
  };
  for (let p = 0; p < cs.length; ) {
    const b0 = cs[p]!;
    if (b0 === 28) {
      stack.push(((cs[p + 1]! << 24) | (cs[p + 2]! << 16)) >> 16);
      p += 3;
      continue;
    }
    if (b0 >= 32) {
      if (b0 <= 246) {
        stack.push(b0 - 139);
        p += 1;
      } else if (b0 <= 250) {
        stack.push((b0 - 247) * 256 + cs[p + 1]! + 108);
        p += 2;
      } else if (b0 <= 254) {
        stack.push(-(b0 - 251) * 256 - cs[p + 1]! - 108);
        p += 2;
      } else {
        stack.push(((cs[p + 1]! << 24) | (cs[p + 2]! << 16) | (cs[p + 3]! << 8) | cs[p + 4]!) / 65536);
        p += 5;
      }
      continue;
    }
    p++;
    const s = stack;
    const n = s.length;
    switch (b0) {
      case 1: case 3: case 18: case 23: // stems (an odd count starts with the width)
        stems += n >> 1;
        break;
      case 19: case 20: // hintmask, cntrmask: implied vstems, then the mask bytes
        stems += n >> 1;
        p += (stems + 7) >> 3;
        break;
      case 21: to(s[n - 2]!, s[n - 1]!); break; // rmoveto
      case 22: to(s[n - 1]!, 0); break; // hmoveto
      case 4: to(0, s[n - 1]!); break; // vmoveto
      case 5: for (let i = 0; i + 1 < n; i += 2) to(s[i]!, s[i + 1]!); break; // rlineto
      case 6: case 7: // hlineto, vlineto: alternating
        for (let i = 0, h = b0 === 6; i < n; i++, h = !h) to(h ? s[i]! : 0, h ? 0 : s[i]!);
        break;
      case 8: for (let i = 0; i + 5 < n; i += 6) curve(s[i]!, s[i + 1]!, s[i + 2]!, s[i + 3]!, s[i + 4]!, s[i + 5]!); break; // rrcurveto
      case 24: { // rcurveline
        let i = 0;
        for (; i + 7 < n; i += 6) curve(s[i]!, s[i + 1]!, s[i + 2]!, s[i + 3]!, s[i + 4]!, s[i + 5]!);
        to(s[i]!, s[i + 1]!);
        break;
      }
      case 25: { // rlinecurve
        let i = 0;
        for (; i + 7 < n; i += 2) to(s[i]!, s[i + 1]!);
        curve(s[i]!, s[i + 1]!, s[i + 2]!, s[i + 3]!, s[i + 4]!, s[i + 5]!);
        break;
      }
      case 26: { // vvcurveto
        let i = n % 2 === 1 ? 1 : 0;
        let dx1 = i === 1 ? s[0]! : 0;
        for (; i + 3 < n; i += 4, dx1 = 0) curve(dx1, s[i]!, s[i + 1]!, s[i + 2]!, 0, s[i + 3]!);
        break;
      }
      case 27: { // hhcurveto
        let i = n % 2 === 1 ? 1 : 0;
        let dy1 = i === 1 ? s[0]! : 0;
        for (; i + 3 < n; i += 4, dy1 = 0) curve(s[i]!, dy1, s[i + 1]!, s[i + 2]!, s[i + 3]!, 0);
        break;
      }
      case 30: case 31: { // vhcurveto, hvcurveto: alternating, an optional last argument
        let h = b0 === 31;
        for (let i = 0; i + 3 < n; i += 4, h = !h) {
          const last = i + 5 === n ? s[i + 4]! : 0;
          if (h) curve(s[i]!, 0, s[i + 1]!, s[i + 2]!, last, s[i + 3]!);
          else curve(0, s[i]!, s[i + 1]!, s[i + 2]!, s[i + 3]!, last);
        }
        break;
      }
      case 12: { // flex family
        const op = cs[p++]!;
        if (op === 35) { curve(s[0]!, s[1]!, s[2]!, s[3]!, s[4]!, s[5]!); curve(s[6]!, s[7]!, s[8]!, s[9]!, s[10]!, s[11]!); }
        else if (op === 34) { curve(s[0]!, 0, s[1]!, s[2]!, s[3]!, 0); curve(s[4]!, 0, s[5]!, -s[2]!, s[6]!, 0); }
        else if (op === 36) { curve(s[0]!, s[1]!, s[2]!, s[3]!, s[4]!, 0); curve(s[5]!, 0, s[6]!, s[7]!, s[8]!, -(s[1]! + s[3]! + s[7]!)); }
        else if (op === 37) {
          const dx = s[0]! + s[2]! + s[4]! + s[6]! + s[8]!;
          const dy = s[1]! + s[3]! + s[5]! + s[7]! + s[9]!;
          curve(s[0]!, s[1]!, s[2]!, s[3]!, s[4]!, s[5]!);
          if (Math.abs(dx) > Math.abs(dy)) curve(s[6]!, s[7]!, s[8]!, s[9]!, s[10]!, -dy);
          else curve(s[6]!, s[7]!, s[8]!, s[9]!, -dx, s[10]!);
        }
        break;
      }
      case 10: case 29: // callsubr, callgsubr: not followed here
        return null;
      case 14: // endchar
        return minX <= maxX ? [minX, maxX] : undefined;
      default:
        break;
    }
    stack.length = 0;
  }
  return minX <= maxX ? [minX, maxX] : undefined;
}
