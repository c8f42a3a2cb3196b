// npm run bench:lint — `exampress bank lint` on a generated bank of 20,000 questions in YAML on
// disk (20 files, ~14 MB of Chinese text), each run in a fresh process (cold). Prints
// {"questions": 20000, "mb": ..., "ms_median": ..., "ms_runs": [...], "cpu_ms_median": ..., "rss_mb_max": ...}
// (CPU time counts the garbage collector's helper threads too);
// budget: under 3 s and 400 MB.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { lintBank } from '../../src/bank/lint.js';
import { loadBank } from '../../src/bank/load.js';
import { createRng } from '../../src/assemble/prng.js';

const QUESTIONS = 20_000;
const FILES = 20;
// A vocabulary like a real bank's: a few hundred domain words used all the time, and a long
// tail of 3,000 rarer two-character words (Zipf-like draws), so bigram frequencies are skewed.
const DOMAIN = (
  '客户经理 营业网点 服务规范 仪容仪表 接待客户 电话礼仪 投诉处理 理财产品 风险提示 柜面服务 ' +
  '着装要求 微笑服务 文明用语 首问负责 限时服务 保密制度 反洗钱 身份核实 业务办理 厅堂管理 ' +
  '引导分流 等候区域 叫号系统 填单指导 现金业务 对公账户 信用卡 个人贷款 存款利率 外汇兑换 ' +
  '老年客户 残障客户 特殊群体 应急预案 消防安全 突发事件 客户隐私 信息安全 合规经营 职业道德 ' +
  '岗位职责 绩效考核 培训考试 服务质量 满意度 回访制度 礼貌待客 主动问候 目光交流 站姿坐姿 ' +
  '名片递送 握手礼节 引导手势 会议礼仪 宴请礼仪 座次安排 电子邮件 即时通讯 沟通技巧 倾听反馈 ' +
  '应当 必须 不得 可以 及时 认真 规范 热情 耐心 细致 准确 完整'
).split(' ');
const CHARS = '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞';
function makeTail(): string[] {
  const rng = createRng(7, 'vocabulary');
  return Array.from({ length: 3000 }, () => CHARS[rng.int(CHARS.length)]! + CHARS[rng.int(CHARS.length)]!);
}
const TAIL = makeTail();

function word(rng: ReturnType<typeof createRng>): string {
  if (rng.int(3) === 0) return DOMAIN[rng.int(DOMAIN.length)]!;
  // Zipf-like: the k-th tail word about 1/k as likely as the first.
  const k = Math.floor(Math.exp(rng.float() * Math.log(TAIL.length)));
  return TAIL[Math.min(TAIL.length - 1, k)]!;
}

function sentence(rng: ReturnType<typeof createRng>, words: number): string {
  return Array.from({ length: words }, () => word(rng)).join(rng.int(3) ? '' : '，');
}

function generate(dir: string): void {
  const rng = createRng(16, 'lint-bench');
  mkdirSync(join(dir, 'questions'), { recursive: true });
  mkdirSync(join(dir, 'norms'), { recursive: true });
  const topics = Array.from({ length: FILES }, (_, i) => ({ id: `topic-${i + 1}`, name: `主题${i + 1}` }));
  writeFileSync(join(dir, 'topics.yaml'), stringify({ topics }));
  const norms = Array.from({ length: 50 }, (_, i) => ({ id: `norm-${i + 1}`, text: sentence(rng, 8) }));
  writeFileSync(join(dir, 'norms', '01-norms.yaml'), stringify({ chapter: { id: 'ch-1', title: '规范', sections: [{ id: 'sec-1', title: '总则', norms }] } }));
  const per = QUESTIONS / FILES;
  for (let f = 0; f < FILES; f++) {
    const questions = Array.from({ length: per }, (_, k) => {
      const n = f * per + k;
      const id = `Q${f + 1}-${String(k + 1).padStart(4, '0')}`;
      const base = { id, difficulty: 1 + rng.int(5), source: `《${sentence(rng, 2)}》第${n % 97}条`, explanation: sentence(rng, 10 + rng.int(10)), norms: [`norm-${1 + rng.int(50)}`] };
      const stem = `${sentence(rng, 6 + rng.int(8))}`;
      switch (n % 4) {
        case 0:
          return { ...base, type: 'single', stem: `${stem}（ ）。`, options: [0, 1, 2, 3].map(() => sentence(rng, 2)), answer: 'ABCD'[rng.int(4)] };
        case 1:
          return { ...base, type: 'multiple', stem: `${stem}（ ）。`, options: [0, 1, 2, 3].map(() => sentence(rng, 2)), answer: 'ABD' };
        case 2:
          return { ...base, type: 'judge', stem: `${stem}。（ ）`, answer: rng.int(2) === 0 };
        default:
          return { ...base, type: 'fill', stem: `${stem}___。`, answer: [sentence(rng, 1)] };
      }
    });
    writeFileSync(join(dir, 'questions', `topic-${f + 1}.yaml`), stringify({ topic: `topic-${f + 1}`, questions }, { lineWidth: 0 }));
  }
}

if (process.argv[2] === '--child') {
  // One cold run: load and lint, as `exampress bank lint` does.
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const { bank, problems } = loadBank(process.argv[3]!);
  const all = [...problems, ...lintBank(bank)];
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  const errors = all.filter((p) => p.severity === 'error');
  console.log(JSON.stringify({ ms, cpu_ms: (used.user + used.system) / 1000, rss_mb: process.resourceUsage().maxRSS / 1024, questions: bank.questions.length, errors: errors.length, first: errors[0]?.message }));
} else {
  const dir = join(tmpdir(), 'exampress-lint-bench-20000-v2');
  if (!existsSync(join(dir, 'questions', `topic-${FILES}.yaml`))) generate(dir);
  const bytes = spawnSync('du', ['-sb', join(dir, 'questions')], { encoding: 'utf8' }).stdout.split('\t')[0];
  const runs: { ms: number; cpu_ms: number; rss_mb: number; questions: number; errors: number; first?: string }[] = [];
  for (let i = 0; i < 3; i++) {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', dir], { encoding: 'utf8' });
    if (child.status !== 0) {
      console.error(child.stderr);
      process.exit(1);
    }
    runs.push(JSON.parse(child.stdout));
  }
  const ms = runs.map((r) => Math.round(r.ms)).sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      questions: runs[0]!.questions,
      mb: Math.round(Number(bytes) / 1e5) / 10,
      errors: runs[0]!.errors,
      ms_median: ms[1],
      ms_runs: ms,
      cpu_ms_median: runs.map((r) => Math.round(r.cpu_ms)).sort((a, b) => a - b)[1],
      rss_mb_max: Math.round(Math.max(...runs.map((r) => r.rss_mb))),
    }),
  );
}
