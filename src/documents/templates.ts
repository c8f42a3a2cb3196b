// Handlebars templates → markup. To explain a problem, each template (and partial) is parsed
// to its AST and a source marker <?src FILE LINE COL?> is put before every tag it writes, so
// that the markup parser reports it at the template's own line and column, partials included.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import Handlebars from 'handlebars';

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

/** Read every `*.hbs` in `dir` and `dir/partials/`; a template is compiled on first use. */
export function loadTemplates(dir: string): TemplateSet {
  if (!existsSync(dir)) throw new TemplateError({ template: dir, line: 1, col: 1, message: 'template folder not found' });
  const partialDir = join(dir, 'partials');
  const partials = existsSync(partialDir)
    ? readdirSync(partialDir)
        .filter((f) => f.endsWith('.hbs'))
        .sort()
        .map((file) => ({ name: basename(file, '.hbs'), file: `partials/${file}`, source: readFileSync(join(partialDir, file), 'utf8') }))
    : [];
  const envs = new Map<boolean, typeof Handlebars>();
  const envFor = (locate: boolean) => {
    let env = envs.get(locate);
    if (!env) {
      const e = Handlebars.create();
      for (const p of partials) e.registerPartial(p.name, compile(e, p.source, p.file, locate));
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
        template = compile(envFor(locate), readFileSync(file, 'utf8'), name, locate);
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

function compile(env: typeof Handlebars, source: string, name: string, locate: boolean): Handlebars.TemplateDelegate {
  let ast: hbs.AST.Program;
  try {
    ast = env.parse(source) as unknown as hbs.AST.Program;
  } catch (err) {
    throw locatedError(err, name);
  }
  if (locate) markTags(ast, name);
  const template = env.compile(ast as unknown as string, { strict: true, noEscape: false });
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
