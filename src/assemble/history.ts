// Exposure control: a usage history of issued papers, one JSON object per line, appended
// when a paper is issued (`assemble --issue`), read to keep recent questions out.

export interface HistoryEntry {
  /** Date the paper was issued (YYYY-MM-DD), for people reading the file. */
  date: string;
  title: string;
  seed: number;
  /** sha256 of the manifest that was issued. */
  manifest: string;
  ids: string[];
}

/** Entries in file order; lines that are not JSON objects with ids are reported by number. */
export function parseHistory(text: string): { entries: HistoryEntry[]; bad: number[] } {
  const entries: HistoryEntry[] = [];
  const bad: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const value = JSON.parse(line) as Partial<HistoryEntry>;
      if (!Array.isArray(value.ids)) throw new Error('no ids');
      entries.push(value as HistoryEntry);
    } catch {
      bad.push(i + 1);
    }
  });
  return { entries, bad };
}

/** Ids used in the last `n` papers of the history. */
export function recentlyUsed(entries: readonly HistoryEntry[], n: number): Set<string> {
  return new Set(entries.slice(Math.max(0, entries.length - n)).flatMap((e) => e.ids));
}

export function historyLine(entry: HistoryEntry): string {
  return `${JSON.stringify({ date: entry.date, title: entry.title, seed: entry.seed, manifest: entry.manifest, ids: entry.ids })}\n`;
}
