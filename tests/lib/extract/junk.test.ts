import { describe, expect, it } from 'vitest';
import { SENTENCE_BREAKS, articleBody, isSentenceBreak, junkLines } from '../../../lib/extract/junk';
import { judgeText } from '../../../lib/verdict';
import { readText } from '../../../lib/engine';

const flags = (text: string) => {
  const { starts, junk } = junkLines(text);
  return starts.map((s, k) => [text.slice(s, k + 1 < starts.length ? starts[k + 1]! - 1 : text.length), junk[k]]);
};

describe('junk lines', () => {
  it.each([
    ['下一篇:东江区今年计划新增绿地50公顷', true],
    ['上一篇:北湖县2024年春季招生公告', true],
    ['首页 > 本地新闻 > 正文', true],
    ['【广告】某培训机构:暑期班火热报名中,报名立减500元!', true],
    ['▲广告 某建材公司 团购热线 0123-4567890', true],
    ['扫码关注“北湖发布”公众号,获取更多资讯', true],
    ['下载“掌上北湖”APP,办事少跑腿 >>', true],
    ['热门推荐:北湖地铁3号线试运行 | 北湖中考查分入口', true],
    ['北湖县文旅节下月开幕 预计接待游客30万人次(08-12)', true],
    // near misses: real article lines
    ['北湖县出台文旅融合三年行动 到2026年接待游客突破3000万人次', false],
    ['到2026年,全县新增绿地50公顷以上(其中口袋公园20个)。', false],
    ['市政府办公室印发方案,要求各区下载并填报统计表,于每月5日前报送。', false],
    ['广告牌整治:年内拆除违规户外广告设施500处。', false],
    ['【优惠政策】对新落户企业给予租金减免。', false],
    ['【限时特惠】爆款家电直降500元', true],
  ])('%s → junk %s', (line, junk) => {
    expect(flags(line)[0]![1]).toBe(junk);
  });

  it('marks the headlines under a related-reading header, and stops at the next paragraph', () => {
    const text = ['【相关阅读】', '· 北湖稻田迎来丰收', '· 南湖县新增高标准农田2万亩', '', '市农业农村局表示,到2026年全市建成高标准农田80万亩。'].join('\n');
    expect(flags(text).map(([, j]) => j)).toEqual([true, true, true, false, false]);
  });

  it('keeps the article body for the verdict and drops the furniture', () => {
    const body = articleBody('北湖出台方案。\n【广告】报名立减800元!\n加微信领取红包。正文继续。');
    expect(body).toBe('北湖出台方案。\n\n正文继续。');
  });
});

describe('junk in a page', () => {
  const plan =
    '北湖市出台制造业人才新政 五年内引进人才20万人\n' +
    '热门推荐:北湖考研成绩查询入口 | 北湖公务员报名时间公布 | 北湖统计公报:GDP同比增长5%\n' +
    '【广告】某考研机构:冲刺班火热报名中,报名立减800元!面试辅导同步报名,考生速来。\n' +
    '市政府印发《北湖市制造业人才引育若干措施》,提出到2028年,全市引进各类人才20万人以上,新增高技能人才5万人。\n' +
    '【你可能还关注】\n1. 北湖2023年GDP同比增长5.1%(2024-01-20)\n2. 北湖招聘教师300名 报名明日截止(2024-02-01)\n3. 北湖今年计划新增就业6万人\n';
  it('judges a plan surrounded by ads and related headlines as policy', () => {
    expect(judgeText(plan).isPolicy).toBe(true);
  });
  it('gives the related headlines no spans', () => {
    const texts = readText(plan).spans.map((s) => s.text);
    expect(texts).toContain('全市引进各类人才20万人以上');
    expect(texts.some((t) => t.includes('6万人'))).toBe(false);
    expect(texts.some((t) => t.includes('800'))).toBe(false);
  });

  it('keeps the policy fragments of a sentence that spam was pasted into, and drops the pasted ones', () => {
    const text = '市政府印发《北湖市科技创新行动方案》。到2025年,全市新增高新技术企业500家(加微信bh888领取申报补贴)。加微信bh888,领取100元以上红包。';
    const texts = readText(text).spans.map((s) => s.text);
    expect(texts).toContain('全市新增高新技术企业500家');
    expect(texts).toContain('到2025年');
    expect(texts.some((t) => t.includes('100元'))).toBe(false);
  });
});

describe('SENTENCE_BREAKS', () => {
  it('finds exactly the characters isSentenceBreak accepts', () => {
    const sample = '。！？!?\n，,；;：:、…—.()（）“”\r\t 政2a';
    const found = new Set([...sample.matchAll(SENTENCE_BREAKS)].map((m) => m[0]));
    for (const c of sample) expect(found.has(c), JSON.stringify(c)).toBe(isSentenceBreak(c));
  });
});
