#!/usr/bin/env node
// The `exampress` executable (copied to dist/exampress.mjs by bundle.mjs, which fills in BUILD).
// It runs the bundled CLI, dist/exampress.cjs, with a V8 code cache: every run of a command is a
// fresh process, and compiling the bundle's functions is the largest part of starting one
// (~90 ms of a 0.4 s paper). The first run of each command stores what V8 compiled in
// node_modules/.cache/exampress/code/; later runs start from it. This is what Node 22's
// module.enableCompileCache() does; Node 20 has no such switch, so we use vm.Script's cachedData.
//
// Why a CommonJS script and not the ESM bundle: V8 caches scripts, not modules, on Node 20. And
// why the bundle calls __import() instead of import(): on Node 20 a script compiled from cached
// data loses its dynamic-import callback, so every import() it makes would fail; the bundle's
// dynamic imports (of the libraries loaded only when needed: tinypool, pdf.js, exceljs, …) are
// rewritten by bundle.mjs to call this module's import(), which resolves them from dist/ as before.
//
// The cache is an optimisation only: a missing, stale, corrupt or unwritable cache means V8
// compiles as usual. Files are named by the bundle's content hash, the Node version and the
// command, checked with a CRC before V8 sees them, and written through a temporary file and a
// rename. EXAMPRESS_CACHE=0 turns it off (as it does the bank cache).
import { createRequire } from 'node:module';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Script } from 'node:vm';
import { crc32 } from 'node:zlib';

const BUILD = '__BUILD__';
const here = dirname(fileURLToPath(import.meta.url));
const bodyFile = join(here, 'exampress.cjs');
const cacheDir = join(here, '..', 'node_modules', '.cache', 'exampress', 'code');
const useCache = process.env.EXAMPRESS_CACHE !== '0';

/** The command's name (paper, bank, …): each command keeps the functions it compiled. */
const command = /^[a-z][a-z-]{0,20}$/.test(process.argv[2] ?? '') ? process.argv[2] : 'none';
const cacheFile = join(cacheDir, `${BUILD}-${process.version}-${process.arch}-${command}.bin`);

/** The cached code, or undefined when there is none or it is damaged (4-byte CRC, then data). */
function readCache() {
  if (!useCache) return undefined;
  try {
    const file = readFileSync(cacheFile);
    const data = file.subarray(4);
    return file.length > 4 && file.readUInt32LE(0) === crc32(data) ? data : undefined;
  } catch {
    return undefined;
  }
}

function writeCache(data) {
  try {
    mkdirSync(cacheDir, { recursive: true });
    const crc = Buffer.alloc(4);
    crc.writeUInt32LE(crc32(data));
    const temp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(temp, Buffer.concat([crc, data]));
    renameSync(temp, cacheFile);
    // Other builds' caches are of no further use.
    for (const f of readdirSync(cacheDir)) if (!f.startsWith(`${BUILD}-`)) rmSync(join(cacheDir, f), { force: true });
  } catch {
    // a read-only install: run without a cache
  }
}

const cached = readCache();
const source = readFileSync(bodyFile, 'utf8');
const script = new Script(`(function (exports, require, module, __filename, __dirname, __importMetaUrl, __import) {${source}\n})`, {
  filename: bodyFile,
  ...(cached ? { cachedData: cached } : {}),
});
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(bodyFile), module, bodyFile, here, pathToFileURL(bodyFile).href, (specifier) => import(specifier));
process.exitCode = await module.exports.main(process.argv.slice(2));
if (useCache && (!cached || script.cachedDataRejected)) writeCache(script.createCachedData());
