// HTML as strings: every interpolated value is escaped unless it is already `Html` (made by
// `html` or `raw`), so a stem with `<script>` or `&` shows as written.
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

type Part = Html | string | number | boolean | null | undefined | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false || part === true) return '';
  if (part instanceof Html) return part.text;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(part);
}

/** A template literal whose interpolations are escaped (arrays joined, null/false dropped). */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!;
  });
  return new Html(out);
}

/** Trusted markup, as is. */
export const raw = (text: string) => new Html(text);

/** An upload limit as the pages state it: whole MB, else whole KB. */
export const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`);

export interface PageOptions {
  title: string;
  /** Which tab of the navigation is current. */
  nav: 'bank' | 'import' | 'blueprints' | 'handbook' | 'grading' | 'none';
  body: Html;
}

const NAV: [PageOptions['nav'], string, string][] = [
  ['bank', '/', '题库'],
  ['import', '/import', '导入'],
  ['blueprints', '/blueprints', '组卷'],
  ['handbook', '/handbook', '手册'],
  ['grading', '/grading', '阅卷'],
];

/** The page around every view: navigation, the bundled fonts and styles, the small script. */
export function page({ title, nav, body }: PageOptions): string {
  return `<!doctype html>${html`<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · exampress</title><link rel="stylesheet" href="/assets/app.css"><script src="/assets/app.js" defer></script></head><body><header class="top"><span class="brand">exampress 工作台</span><nav>${NAV.map(
    ([key, href, label]) => html`<a href="${href}"${raw(key === nav ? ' class="current" aria-current="page"' : '')}>${label}</a>`,
  )}</nav></header><main>${body}</main></body></html>`}`;
}
