// npm run bench:forms — the issue-16 sweeps on the bundled bank and standard.yaml, too long for
// the test suite: four parallel forms on 100 seeds (no overlap) and 200 seeds (maxOverlap 6),
// and the answer letters of 2,000 seeds x 2 variants. Prints failures and letter statistics as
// JSON; every failure count must be 0.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { assemble } from '../../src/assemble/assemble.js';
import { BlueprintSchema } from '../../src/assemble/blueprint.js';
import { loadBank } from '../../src/bank/load.js';

const { bank } = loadBank('bank');
const bp = BlueprintSchema.parse(parse(readFileSync('bank/blueprints/standard.yaml', 'utf8')));

function sweep(seeds: number, maxOverlap: number): { failed: number[]; ms_per_set: number } {
  const failed: number[] = [];
  const capped = { ...bp, variants: { count: 4, mode: 'parallel' as const, maxOverlap } };
  const start = Date.now();
  for (let seed = 0; seed < seeds; seed++) if ('problems' in assemble(bank, capped, { seed })) failed.push(seed);
  return { failed, ms_per_set: Math.round(((Date.now() - start) / seeds) * 10) / 10 };
}

const parallel = sweep(100, 0);
const overlap6 = sweep(200, 6);
let variants = 0;
let uneven = 0;
let longRuns = 0;
let explained = 0;
for (let seed = 0; seed < 2000; seed++) {
  const r = assemble(bank, bp, { seed });
  if ('problems' in r) throw new Error(r.problems[0]!.message);
  for (const v of r.manifest.variants) {
    const s = v.sections.find((x) => x.type === 'single')!;
    const letters = s.questions.map((q) => q.answer as string);
    const counts = [...'ABCD'].map((l) => letters.filter((x) => x === l).length);
    let run = 1;
    let longest = 1;
    for (let i = 1; i < letters.length; i++) longest = Math.max(longest, (run = letters[i] === letters[i - 1] ? run + 1 : 1));
    variants++;
    if (counts.some((c) => c !== 5)) uneven++;
    if (longest > 3) longRuns++;
    if (s.letterBalance !== undefined) explained++;
  }
}
console.log(
  JSON.stringify({
    parallel_4_forms: { seeds: 100, failed: parallel.failed, ms_per_set: parallel.ms_per_set },
    parallel_4_forms_overlap_6: { seeds: 200, failed: overlap6.failed, ms_per_set: overlap6.ms_per_set },
    letters: { variants, not_5_5_5_5: uneven, runs_over_3: longRuns, explained_in_manifest: explained },
  }),
);
