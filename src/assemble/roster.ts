// The roster: a CSV of candidates, id, name and branch (Excel exports: BOM, quotes, CRLF, Chinese
// names; the CLI decodes GBK before it gets here).

import { csvRecords, type CsvRecord } from '../csv.js';
import { fileNameProblem } from '../names.js';

export interface Candidate {
  id: string;
  name: string;
  /** 网点 or department, when the roster has that column. */
  branch?: string;
}

/** Header names of the roster's columns, when a bank config says how its rosters are headed. */
export interface RosterColumns {
  id?: string;
  name?: string;
  branch?: string;
}

export interface RosterProblem {
  line: number;
  message: string;
}

/** The roster's records: commas, tabs or full-width commas between fields; blank lines left out. */
export function parseCsv(text: string): CsvRecord[] {
  return csvRecords(text, ',\t，').records.filter((r) => r.fields.some((f) => f.trim() !== ''));
}

const HEADER = /^(id|candidate|candidate[ _]?id|no\.?|number|考号|准考证号|编号|学号|工号|员工号)$/i;
const NAME = /^(name|姓名|名字|考生姓名|员工姓名)$/i;
const BRANCH = /^(branch|department|网点|所在网点|部门|机构|单位|支行)$/i;

/** Which column holds what: from a header row (any order), else id, name, branch by position. */
function columnsOf(first: string[], names: RosterColumns): { id: number; name: number; branch: number; header: boolean } {
  const cells = first.map((c) => c.trim());
  const find = (configured: string | undefined, pattern: RegExp) => {
    const i = configured ? cells.indexOf(configured) : -1;
    return i >= 0 ? i : cells.findIndex((c) => pattern.test(c));
  };
  const id = find(names.id, HEADER);
  const name = find(names.name, NAME);
  const branch = find(names.branch, BRANCH);
  if (id >= 0 || name >= 0) return { id: id >= 0 ? id : 0, name: name >= 0 ? name : id === 0 ? 1 : 0, branch, header: true };
  return { id: 0, name: 1, branch: 2, header: false };
}

/**
 * Candidates in file order. A first row naming the columns (工号,姓名,网点 in any order, or the
 * names a bank config gives) says which column is which; without one, the columns are id,
 * name and (optionally) branch.
 */
export function parseRoster(text: string, names: RosterColumns = {}): { candidates: Candidate[]; problems: RosterProblem[] } {
  const records = parseCsv(text);
  const problems: RosterProblem[] = [];
  const candidates: Candidate[] = [];
  const seen = new Map<string, number>();
  const cols = columnsOf(records[0]?.fields ?? [], names);
  records.forEach((r, i) => {
    if (i === 0 && cols.header) return;
    const id = (r.fields[cols.id] ?? '').trim();
    const name = (r.fields[cols.name] ?? '').trim();
    const branch = cols.branch >= 0 ? (r.fields[cols.branch] ?? '').trim() : '';
    if (!id) {
      problems.push({ line: r.line, message: `the candidate id (column ${cols.id + 1}) is empty` });
      return;
    }
    const unsafe = fileNameProblem(id);
    if (unsafe) {
      problems.push({ line: r.line, message: `candidate id "${id}" names the candidate's files and cannot: ${unsafe}` });
      return;
    }
    const before = seen.get(id);
    if (before !== undefined) {
      problems.push({ line: r.line, message: `candidate id ${id} is also on line ${before}; ids must be unique` });
      return;
    }
    seen.set(id, r.line);
    candidates.push({ id, name, ...(branch ? { branch } : {}) });
  });
  if (!candidates.length && !problems.length) problems.push({ line: 1, message: 'the roster lists no candidates' });
  return { candidates, problems };
}
