// templates/theme.yaml: wording, sizes and labels of every document, validated like the bank.
// A trainer's templates folder may carry its own theme.yaml; what it leaves out keeps the default.
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { isYamlFailure, parseYamlText } from '../bank/yamlSource.js';
import { z } from 'zod';
import { QUESTION_TYPES } from '../bank/schema.js';
import { defaultFontConfig, type FontConfig } from '../typeset/fonts/config.js';
import { PUNCTUATION_MODES } from '../typeset/types.js';

const text = z.string().trim().min(1);

/** A family's font files: paths relative to the templates folder, or absolute; `file.ttc#PostScriptName` picks a face. */
const fontFamily = z.object({ regular: text, bold: text.optional() }).strict();

export const FONT_FALLBACKS = ['none', 'bundled'] as const;

export const ThemeSchema = z
  .object({
    organisation: text,
    paper: z
      .object({
        fontSize: text,
        lineHeight: z.number().min(1).max(3),
        /** Full-width punctuation inside lines: compress (half width before a line is stretched) or full-width. */
        punctuation: z.enum(PUNCTUATION_MODES),
        margin: text,
        marginA3: text,
        bindingMargin: text,
        candidateFields: z.array(text).min(1).max(6),
        variantMark: text,
        candidateMark: text,
        footer: text,
        notesTitle: text,
        notes: z.array(text),
        scoreTable: z.tuple([text, text, text]),
        endMark: text,
        sectionSummary: text,
        multipleAllOrNothing: text,
        multiplePartial: text,
        negation: z.object({ types: z.array(z.enum(QUESTION_TYPES)), words: z.array(text) }).strict(),
      })
      .strict(),
    key: z
      .object({ title: text, subtitle: text, gridPerRow: z.number().int().min(5).max(20), judgeTrue: text, judgeFalse: text, handbook: text })
      .strict(),
    sheet: z
      .object({
        title: text,
        idDigits: z.number().int().min(0).max(12),
        idLabel: text,
        judgeLabels: z.tuple([text, text]),
        instructions: z.array(text),
      })
      .strict(),
    spec: z.object({ title: text }).strict(),
    handbook: z
      .object({
        title: text,
        subtitle: z.string().trim().default(''),
        edition: text,
        date: text,
        contentsTitle: text,
        chapterLabel: text,
        callouts: z.object({ do: text, dont: text, tip: text }).strict(),
        checklistTitle: text,
        notesTitle: text,
        backCoverTitle: text,
        backCoverItems: z.number().int().min(1).max(40),
        imprint: z.string().trim().default(''),
        sizes: z.record(z.enum(['a7', 'a6', 'a5']), z.object({ fontSize: text, lineHeight: z.number().min(1).max(3), margin: text, binding: text }).strict()),
      })
      .strict(),
    /**
     * The fonts to print with instead of the bundled Noto Serif SC / Sans SC. serif is the body
     * (宋体-style), sans the headings (黑体-style); each falls back to the other per character,
     * and with `fallback: bundled` to the bundled fonts for what neither has.
     */
    fonts: z
      .object({ serif: fontFamily.optional(), sans: fontFamily.optional(), fallback: z.enum(FONT_FALLBACKS).optional() })
      .strict()
      .optional(),
  })
  .strict();

export type Theme = z.output<typeof ThemeSchema>;

/** Deep merge of plain objects; arrays and scalars of `over` replace those of `base`. */
function merge(base: unknown, over: unknown): unknown {
  if (over === undefined || over === null) return base;
  if (base && over && typeof base === 'object' && typeof over === 'object' && !Array.isArray(base) && !Array.isArray(over)) {
    const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    for (const [k, v] of Object.entries(over as Record<string, unknown>)) out[k] = merge(out[k], v);
    return out;
  }
  return over;
}

function readThemeFile(file: string): { value?: unknown; problems: string[] } {
  // The bank's YAML reader: js-yaml for a plain file (the `yaml` package's cold start costs
  // ~20 ms of every command), the careful parser only to locate a mistake.
  const src = parseYamlText(readFileSync(file, 'utf8'), file);
  if (isYamlFailure(src)) return { problems: [`${file}:${src.line}:${src.col}: ${src.message}`] };
  return { value: src.value, problems: [] };
}

/**
 * The theme of a templates folder: `defaultsDir/theme.yaml` overlaid with `dir/theme.yaml`,
 * then with `overrides` (the bank config's `theme:` and `organisation`).
 * Problems are `FILE:LINE:COL: message` lines.
 */
export function loadTheme(dir: string, defaultsDir: string, overrides?: Record<string, unknown>): { theme?: Theme; problems: string[] } {
  const base = readThemeFile(join(defaultsDir, 'theme.yaml'));
  if (base.problems.length) return { problems: base.problems };
  let value = base.value;
  const own = join(dir, 'theme.yaml');
  if (dir !== defaultsDir && existsSync(own)) {
    const read = readThemeFile(own);
    if (read.problems.length) return { problems: read.problems };
    value = merge(value, withFontPathsFrom(dir, read.value));
  }
  if (overrides) value = merge(value, overrides);
  const parsed = ThemeSchema.safeParse(value);
  if (!parsed.success) {
    return { problems: parsed.error.issues.map((i) => `${existsSync(own) ? own : join(defaultsDir, 'theme.yaml')}:1:1: ${i.path.join('.')}: ${i.message}`) };
  }
  return { theme: parsed.data, problems: [] };
}

/** "{label}卷" with {label} → value; unknown names stay as written. */
export function fillIn(pattern: string, values: Record<string, string | number>): string {
  return pattern.replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? String(values[name]) : m));
}

/** The theme's font paths made absolute against the templates folder that names them. */
function withFontPathsFrom(dir: string, value: unknown): unknown {
  const fonts = (value as { fonts?: Record<string, unknown> } | null)?.fonts;
  if (!fonts || typeof fonts !== 'object') return value;
  const absolute = (spec: unknown) => (typeof spec === 'string' && spec.trim() && !isAbsolute(spec.trim()) && !/^[A-Za-z]:[\\/]/.test(spec.trim()) ? resolve(dir, spec.trim()) : spec);
  const out: Record<string, unknown> = { ...fonts };
  for (const family of ['serif', 'sans']) {
    const files = fonts[family] as Record<string, unknown> | undefined;
    if (files && typeof files === 'object') out[family] = { ...files, regular: absolute(files.regular), ...(files.bold !== undefined ? { bold: absolute(files.bold) } : {}) };
  }
  return { ...(value as object), fonts: out };
}

/** The font configuration a theme asks for: the bundled fonts with the theme's families put in. */
export function themeFontConfig(theme: Theme, bundled: FontConfig = defaultFontConfig()): FontConfig {
  const fonts = theme.fonts;
  if (!fonts || (!fonts.serif && !fonts.sans)) return bundled;
  const serif = fonts.serif ?? fonts.sans!;
  const sans = fonts.sans ?? fonts.serif!;
  const pick = (f: { regular: string; bold?: string | undefined }) => ({ regular: f.regular, ...(f.bold ? { bold: f.bold } : {}) });
  if (fonts.fallback === 'bundled') {
    return {
      families: { serif: pick(serif), sans: pick(sans), bundledSerif: bundled.families.serif!, bundledSans: bundled.families.sans! },
      fallback: { serif: ['sans', 'bundledSerif', 'bundledSans'], sans: ['serif', 'bundledSans', 'bundledSerif'] },
    };
  }
  return { families: { serif: pick(serif), sans: pick(sans) }, fallback: { serif: ['sans'], sans: ['serif'] } };
}
