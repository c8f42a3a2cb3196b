// The handbook and our own questions are written in our own words: no run of 15 or more
// characters is shared with the seed training pack (its questions and document titles aside).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBank } from '../../src/bank/load.js';
import { makeBank, NORMS } from './makeBank.js';
import { seedOverlaps } from './seedOverlap.js';

const SEED = readFileSync('tests/fixtures/import/seed.txt', 'utf8');

describe('seed overlap', () => {
  it('finds a copied run in a norm and in a question, but not in seed questions or sources', () => {
    const copied = '男职员必须理短发,发型轮廓要分明';
    const norms = structuredClone(NORMS);
    norms.chapter.sections[0]!.norms[0]!.text = `${copied}。`;
    const question = (id: string, tags?: string[]) => ({
      id, type: 'judge', stem: `${copied}，前发不覆额（ ）。`, answer: true, difficulty: 1,
      source: '《银行个人客户经理学习资料(基础版)——服务规范与制度篇》', explanation: '见手册。', norms: ['phone-greet'], ...(tags ? { tags } : {}),
    });
    const { bank } = loadBank(makeBank({ norms, questions: [question('A-1'), question('A-2', ['seed'])] }));
    const found = seedOverlaps(bank, SEED);
    expect(found.map((o) => o.where)).toEqual(['phone-three-rings', 'A-1 stem']);
    expect(found[0]!.run).toContain('男职员必须理短发');
  });

  it('finds a copied sentence whose punctuation was changed', () => {
    // The seed writes 拿不准的问题,不回避,不否定,不急下结论 with ASCII commas.
    const norms = structuredClone(NORMS);
    norms.chapter.sections[0]!.norms[1]!.text = '拿不准的问题不回避、不否定、不急下结论。';
    const { bank } = loadBank(makeBank({ norms }));
    expect(seedOverlaps(bank, SEED).map((o) => `${o.where}: ${o.run}`)).toEqual(['phone-greet: 拿不准的问题不回避不否定不急下结论']);
  });

  it('finds no run of 15 or more characters shared between the bundled bank and the seed', () => {
    const { bank } = loadBank('bank');
    expect(seedOverlaps(bank, SEED).map((o) => `${o.where}: ${o.run}`)).toEqual([]);
  });
});
