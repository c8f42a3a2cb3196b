// Where the fonts come from: the bundled Noto subsets by default, or files the user names.
import { join } from 'node:path';
import { packageRoot } from '../../paths.js';
import type { FamilyName } from '../types.js';

export { packageRoot };

/**
 * A family's files. A path may name one face of a collection with `#PostScriptName`,
 * e.g. `C:/Windows/Fonts/simsun.ttc#SimSun`. A missing bold file means the regular is used.
 */
export interface FamilyFiles {
  regular: string;
  bold?: string;
}

export interface FontConfig {
  families: Record<FamilyName, FamilyFiles>;
  /** Families to take a glyph from, in order, when a family's own face lacks it. */
  fallback?: Record<FamilyName, FamilyName[]>;
}

/** The bundled fonts: serif = Noto Serif SC (宋体-style), sans = Noto Sans SC (黑体-style). */
export function defaultFontConfig(root: string = packageRoot()): FontConfig {
  const file = (name: string) => join(root, 'fonts', name);
  return {
    families: {
      serif: { regular: file('NotoSerifSC-Regular.otf'), bold: file('NotoSerifSC-Bold.otf') },
      sans: { regular: file('NotoSansSC-Regular.otf'), bold: file('NotoSansSC-Bold.otf') },
    },
    fallback: { serif: ['sans'], sans: ['serif'] },
  };
}
