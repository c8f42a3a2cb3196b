// npm run bench — every `bench:*` script of package.json, after one build, one after another:
// each prints one JSON line with its figures and budgets; this prints them together, with the
// machine's load before each (2-core figures are only comparable on a quiet machine).
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
execSync('npm run build --silent', { stdio: 'inherit' });
const results = {};
for (const [name, command] of Object.entries(pkg.scripts)) {
  if (!name.startsWith('bench:')) continue;
  const run = command.replace(/^npm run build --silent && /, '');
  const load = Math.round(loadavg()[0] * 100) / 100;
  process.stderr.write(`${name} (load ${load}) …\n`);
  try {
    const out = execSync(run, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
    // The last JSON value printed: one line, or pretty-printed from a line that is just "{".
    const lines = out.trim().split('\n');
    const start = lines.map((l, i) => (l.startsWith('{') ? i : -1)).filter((i) => i >= 0).reverse().find((i) => isJson(lines.slice(i).join('\n')));
    results[name] = { load_before: load, ...(start !== undefined ? JSON.parse(lines.slice(start).join('\n')) : { output: out.trim().slice(-200) }) };
  } catch (err) {
    results[name] = { load_before: load, failed: String(err.message).split('\n')[0] };
  }
  console.log(`${name}: ${JSON.stringify(results[name])}`);
}

function isJson(text) {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
