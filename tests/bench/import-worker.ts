// One import of one file in a fresh process, so its peak memory is the import's own:
// prints {"ms": ..., "cpu_ms": ..., "rss_mb": ..., "questions": ..., "detected": ...}.
import { readFileSync } from 'node:fs';
import { importFile } from '../../src/bank/import/file.js';

const file = process.argv[2]!;
const bytes = readFileSync(file);
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const r = await importFile(bytes, file, { topics: [], existingStems: [], topic: 'bench' });
const ms = performance.now() - t0;
// CPU time is what the import costs whatever else the machine is doing; wall time is what a person waits.
const cpu = process.cpuUsage(cpu0);
if ('error' in r) throw new Error(r.error);
process.stdout.write(`${JSON.stringify({ ms: Math.round(ms), cpu_ms: Math.round((cpu.user + cpu.system) / 1000), rss_mb: Math.round(process.resourceUsage().maxRSS / 1024), questions: r.questions.length, detected: r.detected, failed: r.failed.length })}\n`);
