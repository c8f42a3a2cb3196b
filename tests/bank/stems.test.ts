// Near-duplicate stems: a bank's stems against the stems of a file being imported.
import { describe, expect, it } from 'vitest';
import { similarStems, similarStemsIn, stemSimilarity, normalizeStem } from '../../src/bank/stems.js';

describe('similarStemsIn', () => {
  const bank = ['以下选项中关于客户关系管理的特征表述不正确的是（ ）。', '电话铃响后，一般应在（ ）之内接听。', '客户经理接听电话时，规范的开头语是（ ）。'];

  it('finds the bank stem an imported stem is a slip away from, not the same stem or a negated one', () => {
    const queries = ['以下选项中关于客户管理的特征表述不正确的是( )。', '电话铃响后,一般应在( )之内接听。', '以下选项中关于客户关系管理的特征表述正确的是（ ）。', '宴请时主宾坐在主人的哪一侧（ ）。'];
    expect(similarStemsIn(bank, queries).map(({ a, b }) => [a, b])).toEqual([[0, 0]]);
  });

  it('finds exactly the cross pairs that similarStems finds over both lists, with the same similarity', () => {
    const chars = '客户经理大堂柜员网点服务规范礼仪接待投诉理财产品风险提示';
    let k = 7;
    const next = () => (k = (k * 1103515245 + 12345) % 2147483648);
    const stem = () => Array.from({ length: 12 + (next() % 10) }, () => chars[next() % chars.length]).join('');
    const indexed = Array.from({ length: 60 }, stem);
    // Slips of bank stems (one character changed or added) and unrelated stems.
    const queries = Array.from({ length: 120 }, (_, i) => {
      const base = indexed[i % indexed.length]!;
      if (i % 3 === 0) return stem();
      const at = next() % base.length;
      return i % 3 === 1 ? `${base.slice(0, at)}${chars[next() % chars.length]}${base.slice(at + 1)}` : `${base.slice(0, at)}的${base.slice(at)}`;
    });
    const expected = similarStems([...indexed, ...queries])
      .filter(({ a, b }) => a < indexed.length && b >= indexed.length && normalizeStem(indexed[a]!) !== normalizeStem(queries[b - indexed.length]!))
      .map(({ a, b, similarity }) => `${a} ${b - indexed.length} ${similarity.toFixed(6)}`)
      .sort();
    const found = similarStemsIn(indexed, queries).map(({ a, b, similarity }) => `${a} ${b} ${similarity.toFixed(6)}`).sort();
    expect(found.length).toBeGreaterThan(20);
    expect(found).toEqual(expected);
    for (const line of found) {
      const [a, b] = line.split(' ').map(Number);
      expect(stemSimilarity(normalizeStem(indexed[a!]!), normalizeStem(queries[b!]!))).toBeGreaterThanOrEqual(0.85);
    }
  });

  it('costs nothing without a bank', () => {
    expect(similarStemsIn([], ['电话铃响后，一般应在（ ）之内接听。'])).toEqual([]);
  });
});
