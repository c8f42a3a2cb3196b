// How the page words a problem: in Chinese from its code and parameters where the catalogue has
// it, else the library's own located line.
import { problemLine, type Problem } from '../app/problem.js';

type Params = NonNullable<Problem['params']>;

const ZH: Record<string, (p: Params) => string> = {
  'stale-edit': () => '文件在您打开本题之后已被修改（另一个标签页或编辑器），您的修改没有保存。请重新打开本题，在最新内容上再改。',
  'question-gone': (p) => `文件中已没有题目 ${p.id}（可能已被移动或改号）。`,
  'responses-changed': (p) => `responses.csv 已经改变（重新扫描过？）：第 ${p.line} 行不再是 ${p.source}。请刷新本页。`,
  'no-responses': () => 'responses.csv 不存在：请先上传答题卡扫描件。',
  'already-decided': (p) => `第 ${p.line} 行第 ${p.question} 题已被决定为「${p.value || '空白'}」（另一个页面？），未覆盖。`,
  'candidate-decided': (p) => `第 ${p.line} 行的考号已被填为「${p.value}」（另一个页面？），未覆盖。`,
  'bank-errors': (p) => `题库有 ${p.errors} 个错误，修正后才能组卷（见题库页）`,
  busy: () => '另一个任务正在进行，请稍后再试。',
  'duplicate-sheet': (p) => `${p.source} 与 ${p.earlier}（responses.csv 第 ${p.line} 行）是同一张答题卡，只计一次。`,
  'conflicting-sheets': (p) => `${p.source} 与 ${p.other}（第 ${p.line} 行）都是考生 ${p.candidate} 的答题卡，但填涂不同：请确认各是谁的（在这之前两行考号都标为「?」）。`,
  'replace-drops-decisions': (p) => `${p.file} 中有 ${p.decisions} 处人工决定，重新开始会丢失它们：不勾选「重新开始」即可把这批答题卡加进来。`,
  'no-printed-papers': (p) => `${p.folder} 中还没有打印过的试卷：先生成试卷与答题卡。`,
  'manifest-missing': (p) => `还没有可阅卷的试卷：${p.file} 不存在（生成试卷时写出）。`,
  seed: (p) => `随机种子必须是 0 到 ${Number.MAX_SAFE_INTEGER} 之间的整数，收到「${p.seed}」。`,
  variants: (p) => `份数必须是 1 到 1000 之间的整数，收到「${p.variants}」。`,
  pass: (p) => `及格线是满分的比例，在 0 与 1 之间（例如 0.6），收到「${p.pass}」。`,
};

/** The problem as the page shows it. */
export function zh(p: Problem): string {
  const say = ZH[p.code];
  return say ? say(p.params ?? {}) : problemLine(p);
}

/** A schema problem beside its field: "字段：message". */
export function fieldText(p: Problem): string {
  const field = p.params?.field;
  return field ? `${field}：${p.message.replace(`${field}: `, '')}` : p.message;
}
