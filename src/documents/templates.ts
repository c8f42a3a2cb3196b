// Handlebars templates → markup. To explain a problem, each template (and partial) is parsed
// to its AST and a source marker <?src FILE LINE COL?> is put before every tag it writes, so
// that the markup parser reports it at the template's own line and column, partials included.
// Compiling the templates is ~15 ms of a paper: with a cache folder, the compiled templates
// (handlebars' precompiled form) are kept by their sources, as the bank is.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import Handlebars from 'handlebars';
import { cachedJson } from '../bank/cache.js';

export interface TemplateProblem {
  template: string;
  line: number;
  col: number;
  message: string;
}

export class TemplateError extends Error {
  constructor(readonly problem: TemplateProblem) {
    super(`${problem.template}:${problem.line}:${problem.col}: ${problem.message}`);
    this.name = 'TemplateError';
  }
}

export interface TemplateSet {
  /** The folder the templates were read from. */
  dir: string;
  /**
   * Render template `name` (e.g. "paper.hbs") with `view`; throws TemplateError located in the
   * template. With `locate`, every tag is preceded by a <?src FILE LINE COL?> marker so that
   * the markup parser can name the template line of a problem; without, the markup is smaller
   * and parses faster (render again with `locate` to explain a failure).
   */
  render(name: string, view: object, opts?: { locate?: boolean }): string;
}

/** Where compiled templates are kept (the CLI's cache folder), and for which build. */
export interface TemplateCache {
  cacheDir?: string;
  buildId?: string;
}

const COMPILE_OPTIONS = { strict: true, noEscape: false } as const;

/**
 * Read every `*.hbs` in `dir` and `dir/partials/`; a template is compiled on first use, or
 * taken compiled from `cache` (all of a folder's templates are compiled together the first time).
 */
export function loadTemplates(dir: string, cache?: TemplateCache): TemplateSet {
  if (!existsSync(dir)) throw new TemplateError({ template: dir, line: 1, col: 1, message: 'template folder not found' });
  const partialDir = join(dir, 'partials');
  const partials = existsSync(partialDir)
    ? readdirSync(partialDir)
        .filter((f) => f.endsWith('.hbs'))
        .sort()
        .map((file) => ({ name: basename(file, '.hbs'), file: `partials/${file}`, source: readFileSync(join(partialDir, file), 'utf8') }))
    : [];
  const sources = new Map<string, string>();
  /** A top-level template's text, read once. */
  const sourceOf = (name: string) => {
    let source = sources.get(name);
    if (source === undefined) sources.set(name, (source = readFileSync(join(dir, name), 'utf8')));
    return source;
  };
  const specs = new Map<boolean, Record<string, string | null> | undefined>();
  /** Every template's and partial's precompiled form (null where it does not compile), from the cache. */
  const specsFor = (locate: boolean) => {
    if (!cache?.cacheDir) return undefined;
    if (!specs.has(locate)) {
      const templates = readdirSync(dir)
        .filter((f) => f.endsWith('.hbs'))
        .sort()
        .map((file) => ({ file, source: sourceOf(file) }));
      const all = [...templates, ...partials];
      const parts = [Handlebars.VERSION, String(locate), ...all.map((t) => `${t.file}\n${t.source}`)];
      specs.set(locate, cachedJson(cache, 'templates', parts, () => Object.fromEntries(all.map((t) => [t.file, precompile(t.source, t.file, locate)]))));
    }
    return specs.get(locate);
  };
  const envs = new Map<boolean, typeof Handlebars>();
  const envFor = (locate: boolean) => {
    let env = envs.get(locate);
    if (!env) {
      const e = Handlebars.create();
      for (const p of partials) e.registerPartial(p.name, compile(e, p.source, p.file, locate, specsFor(locate)?.[p.file]));
      envs.set(locate, e);
      env = e;
    }
    return env;
  };
  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  return {
    dir,
    render(name, view, opts = {}) {
      const locate = opts.locate === true;
      const key = `${locate}:${name}`;
      let template = compiled.get(key);
      if (!template) {
        const file = join(dir, name);
        if (!existsSync(file)) throw new TemplateError({ template: relative(process.cwd(), file) || name, line: 1, col: 1, message: 'template not found' });
        template = compile(envFor(locate), sourceOf(name), name, locate, specsFor(locate)?.[name]);
        compiled.set(key, template);
      }
      try {
        return template(view);
      } catch (err) {
        throw locatedError(err, name);
      }
    },
  };
}

function parse(env: typeof Handlebars, source: string, name: string, locate: boolean): hbs.AST.Program {
  let ast: hbs.AST.Program;
  try {
    ast = env.parse(source) as unknown as hbs.AST.Program;
  } catch (err) {
    throw locatedError(err, name);
  }
  if (locate) markTags(ast, name);
  return ast;
}

/** The template as handlebars' precompiled JavaScript, or null when it does not parse (its use reports that). */
function precompile(source: string, name: string, locate: boolean): string | null {
  try {
    return Handlebars.precompile(parse(Handlebars, source, name, locate) as unknown as string, COMPILE_OPTIONS) as string;
  } catch {
    return null;
  }
}

function compile(env: typeof Handlebars, source: string, name: string, locate: boolean, spec?: string | null): Handlebars.TemplateDelegate {
  const template = spec
    ? // handlebars' own precompiled form, made by precompile() above from this very source
      env.template(new Function(`return ${spec};`)() as TemplateSpecification)
    : env.compile(parse(env, source, name, locate) as unknown as string, COMPILE_OPTIONS);
  return (view: unknown, options?: Handlebars.RuntimeOptions) => {
    try {
      return template(view, options);
    } catch (err) {
      throw locatedError(err, name);
    }
  };
}

/** A handlebars exception (parse error, unknown field in strict mode) as template:line:col. */
function locatedError(err: unknown, name: string): TemplateError {
  if (err instanceof TemplateError) return err;
  const e = err as { message?: string; lineNumber?: number; column?: number; hash?: { loc?: { first_line: number; first_column: number } } };
  const raw = String(e.message ?? err);
  const line = e.lineNumber ?? e.hash?.loc?.first_line ?? Number(/on line (\d+)/.exec(raw)?.[1] ?? 1);
  const col = (e.column ?? e.hash?.loc?.first_column ?? 0) + 1;
  const message = raw
    .replace(/^Parse error on line \d+:\n[\s\S]*?\n-*\^\n/, 'parse error: ')
    .replace(/ - \d+:\d+$/, '')
    .replace(/"(\S+)" not defined in \[object Object\]/, 'the view has no field "$1" (check the spelling; see the view model in README)')
    .split('\n')[0]!;
  return new TemplateError({ template: name, line, col, message });
}

/** Put <?src NAME LINE COL?> before every tag in the template's literal text. */
function markTags(node: hbs.AST.Node, name: string): void {
  const visit = (n: hbs.AST.Node | undefined | null): void => {
    if (!n) return;
    switch (n.type) {
      case 'Program':
        (n as hbs.AST.Program).body.forEach(visit);
        return;
      case 'BlockStatement': {
        const b = n as hbs.AST.BlockStatement;
        visit(b.program);
        visit(b.inverse);
        return;
      }
      case 'ContentStatement': {
        const c = n as hbs.AST.ContentStatement & { original: string };
        const skip = c.original.indexOf(c.value);
        if (!c.loc || skip < 0) return;
        c.value = c.value.replace(/<(?=[A-Za-z/])/g, (_m: string, offset: number) => {
          const before = c.original.slice(0, skip + offset);
          const nl = before.lastIndexOf('\n');
          const line = c.loc.start.line + (before.match(/\n/g)?.length ?? 0);
          const col = nl < 0 ? c.loc.start.column + before.length + 1 : before.length - nl;
          return `<?src ${name} ${line} ${col}?><`;
        });
        return;
      }
      default:
        return;
    }
  };
  visit(node);
}
