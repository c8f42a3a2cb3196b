// Pieces every exam document shares: page settings by paper size, numerals, points, the
// paper's identity printed in QR codes and footers.
import type { Bank, Question } from '../bank/schema.js';
import type { Manifest } from '../assemble/manifest.js';
import { sha256 } from '../assemble/manifest.js';
import { fillIn, type Theme } from './theme.js';

import { PAPER_SIZES, type PaperSize } from '../kinds.js';

export { PAPER_SIZES, type PaperSize };

export interface DocSettings {
  title: string;
  author: string;
  subject: string;
  keywords: string;
  size: string;
  orientation: string;
  margin: string;
  bindingMargin: string;
  columns: string;
  fontSize: string;
  lineHeight: string;
  seal: boolean;
  sealFields: string;
}

export interface PageOptions {
  size: PaperSize;
  seal: boolean;
}

/** <doc> attributes for a paper-like document: A4/B5 portrait in one column, A3 landscape in two (8开). */
export function docSettings(theme: Theme, opts: PageOptions, info: { title: string; subject: string; keywords: string; organisation: string }): DocSettings {
  const a3 = opts.size === 'a3';
  return {
    title: info.title,
    author: info.organisation,
    subject: info.subject,
    keywords: info.keywords,
    size: opts.size.toUpperCase(),
    orientation: a3 ? 'landscape' : 'portrait',
    margin: a3 ? theme.paper.marginA3 : theme.paper.margin,
    bindingMargin: opts.seal ? theme.paper.bindingMargin : '0mm',
    columns: a3 ? '2' : '1',
    fontSize: theme.paper.fontSize,
    lineHeight: String(theme.paper.lineHeight),
    seal: opts.seal,
    sealFields: theme.paper.candidateFields.join(','),
  };
}

const DIGITS = '零一二三四五六七八九';

/** 1 → 一, 12 → 十二, 20 → 二十 (section numbers). */
export function chineseNumeral(n: number): string {
  if (n < 10) return DIGITS[n]!;
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`;
  return String(n);
}

/** Points as a trainer writes them: 2, 1.5, 0.25 (no float noise). */
export function formatPoints(p: number): string {
  return String(Math.round(p * 100) / 100);
}

/** A short id for the paper (bank, blueprint and seed): printed in QR codes and sheet geometry. */
export function paperId(manifest: Manifest): string {
  return sha256(`${manifest.bank.sha256}\n${manifest.blueprint.sha256}\n${manifest.seed}\n${manifest.mode}`).slice(0, 12);
}

/** "A卷", or for a roster's paper the candidate ("张三 20260001"). */
export function variantMark(theme: Theme, label: string, candidate?: { id: string; name: string }): string {
  return candidate ? fillIn(theme.paper.candidateMark, { id: candidate.id, name: candidate.name }) : fillIn(theme.paper.variantMark, { label });
}

/** The organisation printed on documents: the blueprint's, else the theme's. */
export function organisationOf(manifest: Manifest, theme: Theme): string {
  return manifest.blueprint.content.organisation ?? theme.organisation;
}

export function topicName(bank: Bank, q: Question): string {
  return bank.topics.find((t) => t.id === q.topic)?.name ?? q.topic;
}

/** A piece of a running line: text, or where the page number or the page count goes. */
export interface RunningSegment {
  text: string;
  isPage: boolean;
  isPages: boolean;
}

/**
 * A theme's footer such as "{variant}　第 {page} 页 共 {pages} 页" as segments, the other
 * names filled in from `values` first: the template writes <page-number/> and <page-count/>
 * for the two placeholders, so text that happens to say "{page}" is never a page number.
 */
export function runningSegments(pattern: string, values: Record<string, string | number>): RunningSegment[] {
  return fillIn(pattern, values)
    .split(/(\{pages?\})/)
    .filter(Boolean)
    .map((part) => ({ text: part === '{page}' || part === '{pages}' ? '' : part, isPage: part === '{page}', isPages: part === '{pages}' }));
}

/**
 * The candidate fields of papers and answer sheets: the theme's labels with blanks to fill in,
 * or for a roster's candidate their name, id and branch under the theme's first three labels.
 */
export function candidateFields(theme: Theme, candidate?: { id: string; name: string; branch?: string }): { label: string; value: string }[] {
  if (!candidate) return theme.paper.candidateFields.map((label) => ({ label, value: '' }));
  return [candidate.name, candidate.id, candidate.branch]
    .map((value, i) => ({ label: theme.paper.candidateFields[i] ?? ['姓名', '工号', '网点'][i]!, value: value ?? '' }))
    .filter((f) => f.value);
}

/** "一、单项选择题": the heading of section `index` (0-based). */
export function sectionHeading(index: number, title: string): string {
  return `${chineseNumeral(index + 1)}、${title}`;
}
