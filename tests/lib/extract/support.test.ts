import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readText } from '../../../lib/engine';
import { locatePage, parsePage, readPage } from '../../../lib/detect/index';
import type { SupportSpan, SupportValue } from '../../../lib/types';

/** What support items say — kind, amount or rate, cap, basis, who qualifies — on real texts with support wording. */
const FIXTURES = join(process.cwd(), 'tests/fixtures');

function supportOf(source: string): SupportSpan[] {
  const path = join(FIXTURES, source);
  const raw = readFileSync(path, 'utf8');
  // A page is read as the extension reads it (lib/detect/page-reading.ts).
  const spans = path.endsWith('.html')
    ? (() => {
        const located = locatePage(parsePage(raw), pathToFileURL(path).href);
        return readPage({ text: located.text, evidence: located.evidence, force: false }).spans;
      })()
    : readText(raw).spans;
  return spans.filter((s): s is SupportSpan => s.type === 'support');
}
const valueOf = (spans: SupportSpan[], text: string): SupportValue => {
  const s = spans.find((x) => x.text === text);
  if (!s) throw new Error(`no support span ${text}; read ${spans.map((x) => x.text).join(' | ')}`);
  return s.value;
};

describe('eligibility after a list number', () => {
  // Found by the policy-card e2e: numbered measures (二、对…企业，给予…) lost or kept the number.
  it('leaves the document\'s numbering out of the condition, and still reads it', () => {
    const elig = (text: string) => readText(text, { force: true }).spans.filter((s): s is SupportSpan => s.type === 'support').map((s) => s.value.eligibility?.text ?? null);
    expect(elig('二、对首次认定的国家级专精特新“小巨人”企业，给予一次性奖励50万元。')).toEqual(['对首次认定的国家级专精特新“小巨人”企业']);
    expect(elig('（三）对企业购置研发设备的，按设备投资额的10%给予补助。')).toEqual(['对企业购置研发设备的']);
    expect(elig('4.对新引进的博士给予每月3000元生活补贴。')).toEqual(['对新引进的博士']);
    // Without a condition, a number alone is none.
    expect(elig('二、给予一次性奖励50万元。')).toEqual([null]);
  });
});

describe('support values on real texts', () => {
  it('a one-off reward for a condition stated in the clause before (holdout h01)', () => {
    const v = valueOf(supportOf('corpus/holdout/h01.txt'), '给予一次性奖励50万元');
    expect(v).toMatchObject({ kind: 'reward', amount: { min: 50, max: 50, unit: '万元' } });
    expect(v.eligibility).toMatchObject({ text: '对首次认定的国家级“小巨人”企业', entity: '企业' });
    expect(valueOf(supportOf('corpus/holdout/h01.txt'), '按不超过30%的比例给予补助')).toMatchObject({ kind: 'subsidy', rate: { min: null, max: 30 } });
  });

  it('a rate of a basis with a cap, in a glossed traditional text (holdout h10)', () => {
    const spans = supportOf('corpus/holdout/h10.txt');
    const rate = spans.find((s) => s.text.startsWith('按設(shè)備'))!.value;
    expect(rate).toMatchObject({ kind: 'subsidy', rate: { min: null, max: 20 }, basis: '设备投资额' });
    expect(rate.eligibility?.text).toBe('对智能化改造项目');
  });

  it('amounts given 分别 to several kinds of people are one item from the smallest to the largest, with the region named (holdout h14)', () => {
    const v = valueOf(supportOf('corpus/holdout/h14.txt'), '分别给予每人每年1万元、2万元的生活补贴');
    expect(v).toMatchObject({ kind: 'subsidy', amount: { min: 1, max: 2, unit: '万元' }, per: '每人每年' });
    expect(v.eligibility).toMatchObject({ entity: '高校毕业生', region: '西安' });
    expect(valueOf(supportOf('corpus/holdout/h14.txt'), '给予最高500万元项目资助').amount).toEqual({ min: null, max: 500, unit: '万元' });
  });

  it('loan ceilings, fee waivers and guarantee-fee caps of a real provincial page, with size thresholds', () => {
    const kaifaqu = supportOf('real-pages/gov-jx-kaifaqu-chuangxin-tisheng/source.html');
    const loan = valueOf(kaifaqu, '贷款额度最高不超过600万元');
    expect(loan).toMatchObject({ kind: 'loan', amount: { min: null, max: 600, unit: '万元' } });
    expect(loan.eligibility).toMatchObject({ text: '对符合条件的小微企业', entity: '小微企业' });
    expect(valueOf(kaifaqu, '可减按50%计入科技人员工资、薪金所得缴纳个人所得税')).toMatchObject({ kind: 'tax', rate: { min: 50, max: 50 } });

    const danbao = supportOf('real-pages/gov-jx-rongzi-danbao-tixi/source.html');
    const fee = danbao.find((s) => s.text.endsWith('不超过1%'))!.value;
    expect(fee).toMatchObject({ kind: 'fee', rate: { min: null, max: 1 } });
    expect(fee.eligibility?.thresholds).toEqual([{ text: '单户担保金额500万元及以下', measure: '单户担保金额', min: null, max: 500, unit: '万元' }]);

    const jinrong = supportOf('real-pages/gov-jx-jiedu-jinrong-zhichi/source.html');
    expect(valueOf(jinrong, '免收担保费')).toMatchObject({ kind: 'fee', rate: { min: 100, max: 100 } });
  });

  it('a fee cut from one level to another is the new level (real page)', () => {
    const spans = supportOf('real-pages/gov-jx-shichang-jianguan-jucuo/source.html');
    expect(valueOf(spans, '注册费由2.44万元下降至1.708万元')).toMatchObject({ kind: 'fee', amount: { min: 1.708, max: 1.708, unit: '万元' } });
    expect(valueOf(spans, '检验收费按原标准降低20%')).toMatchObject({ kind: 'fee', rate: { min: 20, max: 20 } });
  });

  it('is not read in a budget line, money sought, a plan named after a reward, or a past subsidy income (dev 300, 314, holdout h15)', () => {
    expect(supportOf('corpus/dev/300.txt')).toEqual([]);
    expect(supportOf('corpus/dev/314.txt')).toEqual([]);
    expect(supportOf('corpus/holdout/h15.txt')).toEqual([]);
  });

  it('takes the figure from a target that reads a subsidy standard as a goal (GUIDE: a subsidy standard is support)', () => {
    const spans = readText('企业夏季防暑降温费每人每月不低于150元。', { force: true }).spans;
    expect(spans.map((s) => [s.type, s.text])).toEqual([['support', '降温费每人每月不低于150元']]);
  });
});
