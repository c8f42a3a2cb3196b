// Bundles the CLI (src/cli/main.ts, straight from the TypeScript: esbuild strips the types in
// half a second, so `npm start` need not wait for tsc) into one minified ESM file,
// dist/exampress.mjs, and its batch worker into dist/paper-worker.mjs: one file instead of ~100 modules saves node's resolving, reading and
// compiling them at every start (a paper is a fresh process; this is ~100 ms of it).
// Libraries that read their own files (yargs' locales) or are loaded only when a document
// needs them (pdfkit, fontkit, qrcode: through createRequire) stay outside, and so does
// tinypool, which starts workers from its own files.
// Run by `npm start` alone and by `npm run build` after tsc (which checks the types).
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

await build({
  entryPoints: { exampress: join(root, 'src', 'cli', 'main.ts'), 'paper-worker': join(root, 'src', 'cli', 'paperWorker.ts') },
  outdir: join(root, 'dist'),
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  external: [
    'yargs', 'yargs/*', 'pdfkit', 'fontkit', 'qrcode', 'esbuild', 'tinypool', 'cli-progress',
    // scan, and the importers/exporters of other formats: loaded only when used, so they must not
    // be parsed at every start (bundled, they tripled the file and cost ~100 ms of start-up).
    '@napi-rs/canvas', 'pdfjs-dist', 'pdfjs-dist/*', 'jsqr',
    'exceljs', 'mammoth', 'fast-xml-parser', 'csv-parse', 'csv-parse/*', 'json5', 'iconv-lite',
    // the web workspace (exampress serve)
    'hono', 'hono/*', '@hono/node-server', 'fflate',
  ],
  // CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
});
