// A tiny FontSet with round numbers: CJK and full-width punctuation 1 em, ASCII 0.5 em,
// space 0.25 em. Ethiopic and private-use characters are not covered by any face.
import { loadFonts } from '../../../src/typeset/fonts/index.js';
import type { FontFace, FontSet } from '../../../src/typeset/types.js';
import { TypesetError } from '../../../src/typeset/types.js';

function isCovered(cp: number): boolean {
  if (cp >= 0x1200 && cp <= 0x139f) return false; // Ethiopic
  if (cp >= 0xe000 && cp <= 0xf8ff) return false; // private use
  return true;
}

export function fakeAdvance(cp: number): number {
  if (cp === 0x20) return 0.25;
  if (cp < 0x2000) return 0.5;
  return 1;
}

function fakeFace(family: string, bold: boolean): FontFace {
  return {
    key: `${family}-${bold ? 'bold' : 'regular'}`,
    family,
    bold,
    file: `/fake/${family}${bold ? '-Bold' : ''}.otf`,
    postscriptName: `Fake${family}${bold ? '-Bold' : ''}`,
    ascent: 0.88,
    descent: -0.12,
    underlinePosition: -0.1,
    underlineThickness: 0.05,
    hasChar: isCovered,
    advance: fakeAdvance,
    glyphId: (cp) => cp,
  };
}

export function fakeFonts(): FontSet {
  const faces = new Map<string, FontFace>();
  for (const family of ['serif', 'sans']) {
    for (const bold of [false, true]) faces.set(`${family}/${bold}`, fakeFace(family, bold));
  }
  const face = (family: string, bold: boolean): FontFace => {
    const f = faces.get(`${family}/${bold}`);
    if (!f) throw new TypesetError(`unknown font family "${family}"`);
    return f;
  };
  return {
    face,
    faceFor: (cp, family, bold) => {
      const f = face(family, bold);
      return f.hasChar(cp) ? f : undefined;
    },
    faces: () => [...faces.values()],
    describe: (family) => `the ${family} family (/fake/${family}.otf)`,
  };
}

/** The engine's tests run twice: on the fake fonts, and on the bundled fonts (which must load: a font that does not fails the suite). */
export function fakeAndRealFonts(): [string, FontSet][] {
  return [['fake fonts', fakeFonts()], ['real fonts', loadFonts()]];
}
