// Bundles the typesetting path (dist/tests/bench/paper-render.js: markup file → PDF file) into
// one minified ESM file, dist/bundle/paper-render.mjs: one file instead of ~60 modules saves
// node's resolving, reading and compiling them at start-up. pdfkit, fontkit and qrcode stay
// outside (the code require()s them only when a document needs them).
// Run after `npm run build`: node tests/bench/bundle/bundle.mjs
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');

await build({
  entryPoints: [join(root, 'dist', 'tests', 'bench', 'paper-render.js')],
  outfile: join(root, 'dist', 'bundle', 'paper-render.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  logLevel: 'warning',
  // CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
});
