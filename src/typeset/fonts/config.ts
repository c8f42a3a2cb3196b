// Where the fonts come from: the bundled Noto subsets by default, or files the user names.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FamilyName } from '../types.js';

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

/** The repository (or installed package) root: the nearest folder up with our package.json. */
export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'exampress') return dir;
      } catch {
        // an unreadable package.json above us is not ours; keep looking
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`exampress: cannot find the package root above ${from}`);
    dir = parent;
  }
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
