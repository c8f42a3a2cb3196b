// Bundles the compiled CLI (dist/src/cli/main.js) into one minified ESM file,
// dist/exampress.mjs: one file instead of ~100 modules saves node's resolving, reading and
// compiling them at every start (a paper is a fresh process; this is ~100 ms of it).
// Libraries that read their own files (yargs' locales) or are loaded only when a document
// needs them (pdfkit, fontkit, qrcode: through createRequire) stay outside.
// Run by `npm run build` after tsc.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

await build({
  entryPoints: [join(root, 'dist', 'src', 'cli', 'main.js')],
  outfile: join(root, 'dist', 'exampress.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  external: ['yargs', 'yargs/*', 'pdfkit', 'fontkit', 'qrcode', 'esbuild', '@napi-rs/canvas', 'pdfjs-dist', 'pdfjs-dist/*', 'jsqr'],
  // CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
});
