// Problems as values: what every use case returns instead of printing. A problem has a stable
// code (the web page words it in Chinese from the code and its parameters), where it was found,
// and an English sentence; the front ends decide how to show it and what it means for an exit
// code or an HTTP status.
import type { Problem as BankProblem } from '../bank/schema.js';

export type Severity = 'error' | 'warning';

export interface Problem {
  /** Stable code, e.g. "answer-not-option", "output-folder", "infeasible". */
  code: string;
  severity: Severity;
  /** Where it was written, when it was written somewhere (a bank file, a blueprint, a template, a roster). */
  file?: string;
  line?: number;
  col?: number;
  /** The question or norm it concerns. */
  id?: string;
  /** What the message says, as data (counts, names, paths), for wording it in another language. */
  params?: Record<string, string | number>;
  /** The English sentence, without the location. */
  message: string;
}

/**
 * Why a use case did not do its job; each front end maps it to its own answer (the CLI's exit
 * codes 1, 2, 3 and 130; the web page's statuses).
 * - input: something given is wrong (a bank with errors, a bad template, theme, roster, option)
 * - infeasible: the blueprint cannot be met by the bank
 * - output: a file or folder could not be written
 * - interrupted: stopped from outside (Ctrl-C) before it finished
 */
export type FailureKind = 'input' | 'infeasible' | 'output' | 'interrupted';

export interface Failure {
  ok: false;
  kind: FailureKind;
  /** The problems that stopped it, and the warnings met before. */
  problems: Problem[];
}

/** A use case's result: its value with the warnings met on the way, or why it failed. */
export type Result<T> = ({ ok: true; problems: Problem[] } & T) | Failure;

export function failed(kind: FailureKind, problems: Problem[]): Failure {
  return { ok: false, kind, problems };
}

export function succeeded<T extends object>(value: T, problems: Problem[] = []): { ok: true; problems: Problem[] } & T {
  return { ...value, ok: true, problems };
}

/** An error-level problem with no location. */
export function problem(code: string, message: string, params?: Problem['params']): Problem {
  return { code, severity: 'error', message, ...(params ? { params } : {}) };
}

/** A problem the bank's loader, linter or config reader found (always located). */
export function fromBankProblem(p: BankProblem): Problem {
  return { code: p.rule, severity: p.severity, file: p.file, line: p.line, col: p.col, ...(p.id ? { id: p.id } : {}), message: p.message };
}

/**
 * One line for a person: `FILE:LINE:COL [ID ]error CODE: message`; the message alone when it has
 * no place, or when it names its place itself (the typesetter's and templates' own lines,
 * `paper.hbs:14:22: …`).
 */
export function problemLine(p: Problem): string {
  if (!p.file) return p.message;
  const at = `${p.file}:${p.line ?? 1}:${p.col ?? 1}`;
  if (p.message.startsWith(at)) return p.message;
  return `${at} ${p.id ? `${p.id} ` : ''}${p.severity} ${p.code}: ${p.message}`;
}

export const errorsIn = (problems: readonly Problem[]) => problems.filter((p) => p.severity === 'error');
