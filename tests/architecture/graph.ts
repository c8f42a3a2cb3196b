// The real import graph of src/, read with the TypeScript compiler's parser (every quote style,
// `import type`, `export … from`, `import()`), and the layering rules checked on it. The rules
// are data below; `layeringProblems` returns one line per broken rule, empty when all hold.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

export interface ImportEdge {
  /** Files relative to src/, with forward slashes. */
  from: string;
  to: string;
  line: number;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|mts)$/.test(name) ? [path] : [];
  });
}

const rel = (src: string, file: string) => relative(src, file).split(sep).join('/');

/** Every relative import of every file under `src`, resolved to the file it names. */
export function importEdges(src: string): { edges: ImportEdge[]; exits: { file: string; line: number; how: string }[] } {
  const edges: ImportEdge[] = [];
  const exits: { file: string; line: number; how: string }[] = [];
  for (const file of sourceFiles(src)) {
    const text = readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    const lineOf = (node: ts.Node) => sf.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    const processNames = new Set<string>();
    const add = (spec: string, node: ts.Node) => {
      if (spec === 'process' || spec === 'node:process') return;
      if (!spec.startsWith('.')) return;
      const target = resolve(dirname(file), spec).replace(/\.(m?js)$/, (_, ext: string) => (ext === 'mjs' ? '.mts' : '.ts'));
      edges.push({ from: rel(src, file), to: rel(src, target), line: lineOf(node) });
    };
    const visit = (node: ts.Node) => {
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        const spec = node.moduleSpecifier.text;
        add(spec, node);
        // `import { exit } from 'node:process'` and `import process from 'process'`.
        if (ts.isImportDeclaration(node) && (spec === 'process' || spec === 'node:process')) {
          const clause = node.importClause;
          if (clause?.name) processNames.add(clause.name.text);
          const bindings = clause?.namedBindings;
          if (bindings && ts.isNamespaceImport(bindings)) processNames.add(bindings.name.text);
          if (bindings && ts.isNamedImports(bindings)) {
            for (const b of bindings.elements) {
              const imported = (b.propertyName ?? b.name).text;
              if (imported === 'exit' || imported === 'exitCode') exits.push({ file: rel(src, file), line: lineOf(b), how: `imports ${imported} from ${spec}` });
            }
          }
        }
      }
      if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) add(node.arguments[0].text, node);
      if (ts.isPropertyAccessExpression(node) && (node.name.text === 'exit' || node.name.text === 'exitCode') && ts.isIdentifier(node.expression) && (node.expression.text === 'process' || processNames.has(node.expression.text))) {
        exits.push({ file: rel(src, file), line: lineOf(node), how: `uses ${node.getText()}` });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { edges, exits };
}

/** The top-level folder of a file under src/ ('' for the shared modules at its root). */
const folderOf = (file: string) => (file.includes('/') ? file.split('/')[0]! : '');

/** Each stage (folder of src/) and the folders it must never import. */
export const FORBIDDEN: Record<string, string[]> = {
  questions: ['bank', 'assemble', 'documents', 'typeset', 'grading', 'app', 'cli', 'web'],
  typeset: ['questions', 'bank', 'assemble', 'documents', 'grading', 'app', 'cli', 'web'],
  bank: ['assemble', 'documents', 'typeset', 'grading', 'app', 'cli', 'web'],
  assemble: ['documents', 'typeset', 'grading', 'app', 'cli', 'web'],
  documents: ['grading', 'app', 'cli', 'web'],
  grading: ['app', 'cli', 'web'],
  app: ['cli', 'web'],
  web: ['cli'],
  // The shared modules at the root of src/ (paths, kinds, csv…) import no stage.
  '': ['questions', 'typeset', 'bank', 'assemble', 'documents', 'grading', 'app', 'cli', 'web'],
};

/** The command line may import the web page only where it starts the server. */
export const CLI_MAY_IMPORT_WEB = ['cli/commands/serve.ts'];

/** Folders whose files may exit the process or set its exit code. */
export const MAY_EXIT = ['cli'];

/** Sibling folders that import each other (directly or round a loop), as "a → b → a". */
function siblingCycles(edges: readonly ImportEdge[]): string[] {
  const unit = (file: string) => dirname(file);
  const graph = new Map<string, Set<string>>();
  for (const e of edges) {
    const a = unit(e.from);
    const b = unit(e.to);
    if (a === b || dirname(a) !== dirname(b)) continue; // only folders side by side
    (graph.get(a) ?? graph.set(a, new Set()).get(a)!).add(b);
  }
  const cycles = new Set<string>();
  const walk = (start: string, at: string, path: string[]) => {
    for (const next of graph.get(at) ?? []) {
      if (next === start) cycles.add([...path, start].join(' → '));
      else if (!path.includes(next) && next > start) walk(start, next, [...path, next]);
    }
  };
  for (const start of [...graph.keys()].sort()) walk(start, start, [start]);
  return [...cycles].sort();
}

/** Every broken layering rule in `src`, one line each. */
export function layeringProblems(src: string): string[] {
  const { edges, exits } = importEdges(src);
  const out: string[] = [];
  for (const e of edges) {
    const from = folderOf(e.from);
    const to = folderOf(e.to);
    if (from === to) continue;
    if ((FORBIDDEN[from] ?? []).includes(to)) out.push(`src/${e.from}:${e.line} imports src/${e.to}: ${from || 'a shared module'} must not import ${to}`);
    if (from === 'cli' && to === 'web' && !CLI_MAY_IMPORT_WEB.includes(e.from)) out.push(`src/${e.from}:${e.line} imports src/${e.to}: only ${CLI_MAY_IMPORT_WEB.join(', ')} may import the web page`);
  }
  for (const c of siblingCycles(edges)) out.push(`folders import each other: ${c}`);
  for (const x of exits) if (!MAY_EXIT.includes(folderOf(x.file))) out.push(`src/${x.file}:${x.line} ${x.how}: only ${MAY_EXIT.join(', ')} may end the process`);
  return out;
}
