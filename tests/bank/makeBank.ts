// Builds small banks in temporary folders: one valid base, broken one way per test.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

export const TOPICS = {
  topics: [
    { id: 'phone', name: '电话礼仪' },
    { id: 'dress', name: '仪容仪表' },
  ],
};

export const NORMS = {
  chapter: {
    id: 'ch-phone',
    title: '电话礼仪',
    sections: [
      {
        id: 'phone-answer',
        title: '接听电话',
        norms: [
          { id: 'phone-three-rings', text: '铃响三声之内接听。' },
          { id: 'phone-greet', text: '先问候，再报单位和姓名。' },
          { id: 'phone-note', text: '边听边记下来电要点，挂断前复述确认。' },
        ],
      },
    ],
  },
};

export function validQuestions(): Record<string, unknown>[] {
  return [
    {
      id: 'DH-001', type: 'single', stem: '电话铃响后，应在（ ）之内接听。',
      options: ['一声', '三声', '五声', '十声'], answer: 'B', difficulty: 1,
      source: '《银行客户经理服务培训大纲》', explanation: '铃响三声之内接听，体现对来电者的尊重。', norms: ['phone-three-rings'],
    },
    {
      id: 'DH-002', type: 'multiple', stem: '接听客户来电时，正确的做法有（ ）。',
      options: ['随手记录要点', '边吃东西边接听', '挂断前复述要点请对方确认', '凭记忆事后再补记'], answer: 'AC', difficulty: 2,
      source: '《银行客户经理服务培训大纲》', explanation: '边听边记，挂断前复述确认，才不会漏记、记错。', norms: ['phone-note'],
    },
    {
      id: 'DH-003', type: 'judge', stem: '接听电话时可以先不报单位，等客户询问再说。（ ）',
      answer: false, difficulty: 2,
      source: '《银行客户经理服务培训大纲》', explanation: '接听后应先问候并报出单位和姓名。', norms: ['phone-greet'],
    },
    {
      id: 'DH-004', type: 'fill', stem: '电话铃响___声之内应接听，接听后先___。',
      answer: ['三|3', '问候'], difficulty: 3,
      source: '《银行客户经理服务培训大纲》', explanation: '三声之内接听，先问候。', norms: ['phone-three-rings', 'phone-greet'],
    },
  ];
}

export interface BankParts {
  topics?: unknown;
  questions?: Record<string, unknown>[];
  norms?: unknown;
  /** Raw file contents by relative path, written after the parts above. */
  raw?: Record<string, string | Buffer>;
}

export function makeBank(parts: BankParts = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'exampress-bank-'));
  mkdirSync(join(dir, 'questions'));
  mkdirSync(join(dir, 'norms'));
  writeFileSync(join(dir, 'topics.yaml'), stringify(parts.topics ?? TOPICS));
  writeFileSync(join(dir, 'questions', 'phone.yaml'), stringify({ topic: 'phone', questions: parts.questions ?? validQuestions() }));
  writeFileSync(join(dir, 'norms', '01-phone.yaml'), stringify(parts.norms ?? NORMS));
  for (const [rel, content] of Object.entries(parts.raw ?? {})) writeFileSync(join(dir, rel), content);
  return dir;
}
