// Per-FontSet caches of face choice and advances, so each code point asks the fonts once.
import type { FamilyName, FontFace, FontSet, InlineStyle } from '../../types.js';
import { TypesetError } from '../../types.js';

const UNKNOWN = -1;
const NOT_COVERED = -2;

/** The faces that draw one family and weight, per code point. */
export interface FaceChooser {
  /** BMP table: face index, or negative when not looked up yet / not covered. */
  readonly bmp: Int16Array;
  /** Face index for any code point; -1 when no configured font covers it. */
  resolve(cp: number): number;
}

export interface FontCache {
  readonly fonts: FontSet;
  readonly faces: FontFace[];
  /** Advance (em) per face index for the BMP; NaN = not measured yet. */
  readonly advances: Float64Array[];
  chooser(family: FamilyName, bold: boolean): FaceChooser;
  /** Advance of `cp` in face `fi`, as a fraction of the em. */
  advance(fi: number, cp: number): number;
  /** Index of the family's primary face (throws TypesetError for an unknown family). */
  primaryFaceIndex(family: FamilyName, bold: boolean): number;
  /**
   * The blank a full-width mark may give up on one side (side > 0 right, < 0 left), as a
   * fraction of the em: the room between the glyph's ink and that edge, at most half the
   * advance (half the advance when the face cannot say where its ink is).
   */
  blank(fi: number, cp: number, side: number): number;
}

const caches = new WeakMap<FontSet, FontCache>();

/** The cache for a FontSet, made on first use and dropped with the FontSet. */
export function fontCache(fonts: FontSet): FontCache {
  let cache = caches.get(fonts);
  if (!cache) {
    cache = makeFontCache(fonts);
    caches.set(fonts, cache);
  }
  return cache;
}

function makeFontCache(fonts: FontSet): FontCache {
  const faces: FontFace[] = [];
  const faceIndex = new Map<FontFace, number>();
  const advances: Float64Array[] = [];
  const known: Uint8Array[] = [];
  const astralAdvances: Map<number, number>[] = [];
  const choosers = new Map<string, FaceChooser>();
  const blanks: Map<number, number>[] = [];
  const primaries = new Map<string, number>();

  const indexOf = (face: FontFace): number => {
    let i = faceIndex.get(face);
    if (i === undefined) {
      i = faces.length;
      faces.push(face);
      faceIndex.set(face, i);
      // Not filled: 0 is checked against `known` (a fill would touch all 512 KB at start-up).
      advances.push(new Float64Array(0x10000));
      known.push(new Uint8Array(0x10000));
      astralAdvances.push(new Map());
      blanks.push(new Map());
    }
    return i;
  };

  const makeChooser = (family: FamilyName, bold: boolean): FaceChooser => {
    const bmp = new Int16Array(0x10000).fill(UNKNOWN);
    const astral = new Map<number, number>();
    const lookUp = (cp: number): number => {
      const face = fonts.faceFor(cp, family, bold);
      return face ? indexOf(face) : NOT_COVERED;
    };
    return {
      bmp,
      resolve(cp) {
        let fi: number;
        if (cp < 0x10000) {
          fi = bmp[cp]!;
          if (fi === UNKNOWN) bmp[cp] = fi = lookUp(cp);
        } else {
          fi = astral.get(cp) ?? UNKNOWN;
          if (fi === UNKNOWN) astral.set(cp, (fi = lookUp(cp)));
        }
        return fi < 0 ? -1 : fi;
      },
    };
  };

  return {
    fonts,
    faces,
    advances,
    chooser(family, bold) {
      const key = bold ? family + '\u0000b' : family;
      let c = choosers.get(key);
      if (!c) {
        c = makeChooser(family, bold);
        choosers.set(key, c);
      }
      return c;
    },
    advance(fi, cp) {
      if (cp < 0x10000) {
        const table = advances[fi]!;
        let a = table[cp]!;
        if (a === 0 && known[fi]![cp] === 0) {
          table[cp] = a = faces[fi]!.advance(cp);
          known[fi]![cp] = 1;
        }
        return a;
      }
      const m = astralAdvances[fi]!;
      let a = m.get(cp);
      if (a === undefined) m.set(cp, (a = faces[fi]!.advance(cp)));
      return a;
    },
    blank(fi, cp, side) {
      const key = side > 0 ? cp * 2 + 1 : cp * 2;
      const known = blanks[fi]!;
      let b = known.get(key);
      if (b === undefined) {
        const adv = this.advance(fi, cp);
        const ink = faces[fi]!.inkExtent?.(cp);
        const room = ink ? (side > 0 ? adv - ink[1] : ink[0]) : adv / 2;
        b = Math.min(adv / 2, Math.max(0, room));
        known.set(key, b);
      }
      return b;
    },
    primaryFaceIndex(family, bold) {
      const key = bold ? family + '\u0000b' : family;
      let i = primaries.get(key);
      if (i === undefined) {
        i = indexOf(fonts.face(family, bold));
        primaries.set(key, i);
      }
      return i;
    },
  };
}

/** A character no configured font draws: a TypesetError that also says which character. */
export class UncoveredCharError extends TypesetError {
  constructor(
    message: string,
    readonly codePoint: number,
    from: string | undefined,
  ) {
    super(message, undefined, from);
  }
}

/** The error for a character no configured font draws, naming the font chain and the bank item. */
export function notCovered(cp: number, style: InlineStyle, cache: FontCache, from: string | undefined): UncoveredCharError {
  const hex = cp.toString(16).toUpperCase().padStart(4, '0');
  return new UncoveredCharError(`character "${String.fromCodePoint(cp)}" (U+${hex}) is not covered by ${cache.fonts.describe(style.family)}`, cp, from);
}
