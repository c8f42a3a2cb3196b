// The FontSet: every configured face, loaded once per process, with per-family fallback.
import { displayPath } from '../../paths.js';
import type { FamilyName, FontFace, FontSet } from '../types.js';
import { TypesetError } from '../types.js';
import { defaultFontConfig, type FontConfig } from './config.js';
import { openFace } from './face.js';

const loaded = new Map<string, FontSet>();

/** Loads the configured fonts (default: the bundled Noto SC subsets); memoised by config. */
export function loadFonts(config: FontConfig = defaultFontConfig()): FontSet {
  const memoKey = JSON.stringify(config);
  let fonts = loaded.get(memoKey);
  if (!fonts) {
    fonts = createFontSet(config);
    loaded.set(memoKey, fonts);
  }
  return fonts;
}

function createFontSet(config: FontConfig): FontSet {
  const families = Object.keys(config.families);
  if (families.length === 0) throw new TypesetError('The font configuration names no font family.');
  const faces = new Map<string, FontFace>();
  for (const family of families) {
    const files = config.families[family]!;
    const regular = openFace(files.regular, `${family}-regular`, family, false);
    faces.set(regular.key, regular);
    // Without a bold file the regular face stands in (same parsed font, its own key).
    const bold = openFace(files.bold ?? files.regular, `${family}-bold`, family, true);
    faces.set(bold.key, bold);
  }
  for (const [family, chain] of Object.entries(config.fallback ?? {})) {
    for (const other of [family, ...chain]) {
      if (!config.families[other]) {
        throw new TypesetError(`The font fallback for "${family}" names "${other}", which is not a configured family (${families.join(', ')}).`);
      }
    }
  }

  const face = (family: FamilyName, bold: boolean): FontFace => {
    const found = faces.get(`${family}-${bold ? 'bold' : 'regular'}`);
    if (!found) throw new TypesetError(`Unknown font family "${family}"; configured families: ${families.join(', ')}.`);
    return found;
  };
  const chainOf = (family: FamilyName, bold: boolean): FontFace[] => {
    const names = [family, ...(config.fallback?.[family] ?? []).filter((f) => f !== family)];
    return names.map((name) => face(name, bold));
  };
  const chains = new Map<string, FontFace[]>();
  const faceFor = (cp: number, family: FamilyName, bold: boolean): FontFace | undefined => {
    const chainKey = bold ? `${family}\u0001b` : family;
    let chain = chains.get(chainKey);
    if (!chain) chains.set(chainKey, (chain = chainOf(family, bold)));
    for (const candidate of chain) if (candidate.hasChar(cp)) return candidate;
    return undefined;
  };
  const describe = (family: FamilyName): string => {
    const names = [family, ...(config.fallback?.[family] ?? []).filter((f) => f !== family)];
    return names
      .map((name) => {
        const files = config.families[name];
        return files ? `${name}: ${[files.regular, files.bold].filter(isString).map(displayPath).join(', ')}` : `${name}: (not configured)`;
      })
      .join(' → ');
  };

  return {
    face,
    faceFor,
    faces: () => [...faces.values()],
    describe,
  };
}

const isString = (s: string | undefined): s is string => typeof s === 'string';

