// Bundles the CLI for `npm start` and `npm run build` (after tsc, which checks the types):
// - dist/exampress.cjs: src/cli/main.ts and what it imports (yargs included), straight from the
//   TypeScript (esbuild strips the types in half a second), minified, as one CommonJS script that
//   dist/exampress.mjs runs with a V8 code cache (see src/cli/launch.mjs for why a script);
// - dist/exampress.mjs: the executable, src/cli/launch.mjs with the bundle's content hash;
// - dist/paper-worker.mjs: the batch worker, an ES module (tinypool starts it in a thread).
// One file instead of ~100 modules saves node's resolving and reading them at every start.
// Libraries loaded only when a command needs them (pdfkit, fontkit, qrcode, the importers',
// scanning's and the web page's) stay outside, so they are not parsed at every start, and so
// does tinypool, which starts workers from its own files.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(root, 'dist');

const external = [
  'pdfkit', 'fontkit', 'qrcode', 'esbuild', 'tinypool', 'cli-progress',
  // scan, and the importers/exporters of other formats: loaded only when used, so they must not
  // be parsed at every start (bundled, they tripled the file and cost ~100 ms of start-up).
  '@napi-rs/canvas', 'pdfjs-dist', 'pdfjs-dist/*', 'jsqr',
  'exceljs', 'mammoth', 'fast-xml-parser', 'csv-parse', 'csv-parse/*', 'json5', 'iconv-lite',
  // the web workspace (exampress serve)
  'hono', 'hono/*', '@hono/node-server', 'fflate',
];
// EXAMPRESS_BUNDLE_NAMES=1 keeps the functions' names, for reading a --cpu-prof profile.
const common = { bundle: true, platform: 'node', target: 'node20', minify: !process.env.EXAMPRESS_BUNDLE_NAMES, minifyWhitespace: true, legalComments: 'none', logLevel: 'warning', external };

// yargs finds its translations (无法识别的选项…) next to its own file: point it at the installed
// package rather than at the bundle.
const yargsLocales = {
  name: 'yargs-locales',
  setup(b) {
    b.onLoad({ filter: /yargs[\\/]lib[\\/]platform-shims[\\/]esm\.mjs$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replaceAll('import.meta.url', '__yargsShimUrl'),
      loader: 'js',
    }));
  },
};

await build({
  ...common,
  entryPoints: { exampress: join(root, 'src', 'cli', 'main.ts') },
  outdir: dist,
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  define: { 'import.meta.url': '__importMetaUrl' },
  plugins: [yargsLocales],
  banner: { js: "var __yargsShimUrl=require('node:url').pathToFileURL(require.resolve('yargs/package.json').replace(/package\\.json$/,'lib/platform-shims/esm.mjs')).href;" },
});

// Dynamic imports go through the launcher's import() (see launch.mjs). Every one must be a call
// of import(…) that esbuild left for an external library; anything else is a bug to see here.
const bodyFile = join(dist, 'exampress.cjs');
const body = readFileSync(bodyFile, 'utf8');
const dynamicImport = /(?<![\w$.])import\(/g;
const calls = body.match(dynamicImport)?.length ?? 0;
const rewritten = body.replace(dynamicImport, '__import(');
if (calls === 0 || /(?<![\w$.])import\(/.test(rewritten)) throw new Error(`bundle.mjs: expected dynamic imports to rewrite, found ${calls}`);
writeFileSync(bodyFile, rewritten);

const hash = createHash('sha256').update(rewritten).digest('hex').slice(0, 16);
const launcher = join(dist, 'exampress.mjs');
writeFileSync(launcher, readFileSync(join(root, 'src', 'cli', 'launch.mjs'), 'utf8').replace("'__BUILD__'", `'${hash}'`));
chmodSync(launcher, 0o755);

await build({
  ...common,
  entryPoints: { 'paper-worker': join(root, 'src', 'app', 'print', 'worker.ts') },
  outdir: dist,
  outExtension: { '.js': '.mjs' },
  format: 'esm',
  // CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
});
