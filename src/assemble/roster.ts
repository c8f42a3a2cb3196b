// The roster: a CSV of candidate id and name (Excel exports: BOM, quotes, CRLF, Chinese names).

export interface Candidate {
  id: string;
  name: string;
}

export interface RosterProblem {
  line: number;
  message: string;
}

/** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): { fields: string[]; line: number }[] {
  const src = text.replace(/^\uFEFF/, '');
  const records: { fields: string[]; line: number }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',' || ch === '\t' || ch === '，') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      fields.push(field);
      records.push({ fields, line: recordLine });
      fields = [];
      field = '';
      line++;
      recordLine = line;
    } else field += ch;
  }
  if (field !== '' || fields.length) {
    fields.push(field);
    records.push({ fields, line: recordLine });
  }
  return records.filter((r) => r.fields.some((f) => f.trim() !== ''));
}

const HEADER = /^(id|candidate|candidate[ _]?id|no\.?|number|考号|准考证号|编号|学号|工号|员工号)$/i;

/** Candidates in file order; a first row naming the columns (id,name / 考号,姓名) is skipped. */
export function parseRoster(text: string): { candidates: Candidate[]; problems: RosterProblem[] } {
  const records = parseCsv(text);
  const problems: RosterProblem[] = [];
  const candidates: Candidate[] = [];
  const seen = new Map<string, number>();
  records.forEach((r, i) => {
    const id = (r.fields[0] ?? '').trim();
    const name = (r.fields[1] ?? '').trim();
    if (i === 0 && HEADER.test(id)) return;
    if (!id) {
      problems.push({ line: r.line, message: 'the candidate id (first column) is empty' });
      return;
    }
    const before = seen.get(id);
    if (before !== undefined) {
      problems.push({ line: r.line, message: `candidate id ${id} is also on line ${before}; ids must be unique` });
      return;
    }
    seen.set(id, r.line);
    candidates.push({ id, name });
  });
  if (!candidates.length && !problems.length) problems.push({ line: 1, message: 'the roster lists no candidates' });
  return { candidates, problems };
}
