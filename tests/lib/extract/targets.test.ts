import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readText } from '../../../lib/engine';
import { findTargets, referenceYear } from '../../../lib/extract/targets';
import { normalize } from '../../../lib/text/normalize';

const targetsIn = (text: string) => {
  const norm = normalize(text).text;
  return findTargets(norm).map((t) => ({ text: norm.slice(t.start, t.end), ...t.value }));
};

describe('targets', () => {
  it.each([
    // [sentence, span text, min, max, unit, qualifier]
    ['到2026年，全市新增省级专精特新企业120家以上。', '全市新增省级专精特新企业120家以上', 120, null, '家', '以上'],
    ['力争年内建成示范工厂8—10个。', '建成示范工厂8—10个', 8, 10, '个', '力争'],
    ['今年要培育数字化转型标杆企业30户。', '培育数字化转型标杆企业30户', 30, 30, '户', null],
    ['到2027年，规上工业企业研发投入年均增长12%左右。', '规上工业企业研发投入年均增长12%左右', 12, 12, '%', '左右'],
    ['全年完成技术改造投资超过300亿元。', '完成技术改造投资超过300亿元', 300, null, '亿元', '超过'],
    ['每季度遴选150项左右重点技改项目。', '每季度遴选150项左右重点技改项目', 150, 150, '项', '左右'],
    ['城镇调查失业率控制在5.5%以内。', '城镇调查失业率控制在5.5%以内', null, 5.5, '%', '以内'],
    ['确保新增城镇就业不少于4万人。', '新增城镇就业不少于4万人', 4, null, '万人', '不少于'],
    ['到2025年，培育十家以上链主企业。', '培育十家以上链主企业', 10, null, '家', '以上'],
    ['力争工业增加值增速高于全国平均2-3个百分点。', '工业增加值增速高于全国平均2-3个百分点', 2, 3, '个百分点', '力争'],
    ['近日,市政府印发方案,提出全年新增市场主体2万户以上。', '新增市场主体2万户以上', 2, null, '万户', '以上'],
    ['力争到2026年实现以下目标:(2)培育专精特新企业20家;', '培育专精特新企业20家', 20, 20, '家', null],
    ['到2030年,全市数字经济规模翻一番。', '全市数字经济规模翻一番', 2, 2, '倍', null],
    ['到2026年，储能装机规模达到300MW以上。', '储能装机规模达到300MW以上', 300, null, 'MW', '以上'],
    ['到2026年，新建数据中心PUE值控制在1.25以内。', '新建数据中心PUE值控制在1.25以内', null, 1.25, '', '以内'],
    ['《方案》提出，本地配套率提高至40%。', '本地配套率提高至40%', 40, 40, '%', null],
    ['在城市更新方面,创建省级示范街区30个。', '创建省级示范街区30个', 30, 30, '个', null],
    ['在人居环境方面,农村污水治理率提高5个百分点。', '农村污水治理率提高5个百分点', 5, 5, '个百分点', null],
    ['2025—2027年培育技能大师200名。', '培育技能大师200名', 200, 200, '名', null],
    ['每年育苗300万株以上。', '每年育苗300万株以上', 300, null, '万株', '以上'],
    ['到2030年，粮食产量稳定在1.2万亿斤以上。', '粮食产量稳定在1.2万亿斤以上', 1.2, null, '万亿斤', '以上'],
  ])('finds the target in %s', (sentence, text, min, max, unit, qualifier) => {
    const found = targetsIn(sentence);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ text, min, max, unit, qualifier });
  });

  it('splits goals listed with 、 into one target each', () => {
    const found = targetsIn('到2028年，全市每年新增就业岗位保持在5万个以上、扶持创业1万人以上。');
    expect(found.map((t) => t.text)).toEqual(['全市每年新增就业岗位保持在5万个以上', '扶持创业1万人以上']);
  });

  it('splits two counts joined by 和 and keeps the numeral in 千亿级 as part of the object', () => {
    const found = targetsIn('到2027年,培育形成3个千亿级产业集群和5个五百亿级产业集群。');
    expect(found.map((t) => [t.text, t.min])).toEqual([
      ['培育形成3个千亿级产业集群', 3],
      ['5个五百亿级产业集群', 5],
    ]);
  });

  it('carries a horizon set earlier in the paragraph to the next sentence', () => {
    const found = targetsIn('到2027年,全省数字经济规模突破3万亿元。战略性新兴产业增加值占比提高到25%。');
    expect(found.map((t) => t.text)).toEqual(['全省数字经济规模突破3万亿元', '战略性新兴产业增加值占比提高到25%']);
  });

  it('reads a goal across a soft line break of extracted text', () => {
    const found = targetsIn('到2025年,全省规模以上工业企业研究开发经费\n投入强度达到2.5%,基本建成制造强省。');
    expect(found.map((t) => t.min)).toEqual([2.5]);
  });

  it('counts a first batch that is still to be built', () => {
    const [t] = targetsIn('到2026年底前,全市首批80个智慧社区全面建成。');
    expect(t).toMatchObject({ text: '全市首批80个智慧社区全面建成', min: 80 });
  });

  it('reads a sentence dated with the article’s own year as this year’s plan', () => {
    const plan = '发布日期:2024-02-01\n2024年,全市新增规上工业企业120家。';
    expect(findTargets(normalize(plan).text, 2024)).toHaveLength(1);
    expect(findTargets(normalize(plan).text, 2025)).toHaveLength(0);
    expect(referenceYear(normalize(plan).text)).toBe(2024);
    expect(referenceYear('没有日期的文字', '2023-05-01')).toBe(2023);
  });

  it('does not take a year inside a name for the date of a past fact', () => {
    const found = targetsIn('浙江2023年政府工作报告提出,打造5个万亿级先进产业群。');
    expect(found.map((t) => t.min)).toEqual([5]);
  });

  it('reads a goal counted after an enumeration', () => {
    const [t] = targetsIn('打造集成电路、生物医药等3个千亿级产业集群。');
    expect(t).toMatchObject({ min: 3, unit: '个' });
    expect(t?.text).toContain('3个千亿级产业集群');
  });

  it('runs the span on to the object counted when the verb comes first', () => {
    const [t] = targetsIn('年内攻克20项左右卡脖子关键技术,形成一批成果。');
    expect(t?.text).toBe('攻克20项左右卡脖子关键技术');
    expect(t?.indicator).toBe('攻克卡脖子关键技术');
  });

  it('reads a list under a goal heading as goals, until the next heading', () => {
    const text = '一、发展目标\n——基础设施更加完善。累计建成充电桩3万个。\n二、重点任务\n加快建设。累计建成公园120个。';
    expect(targetsIn(text).map((t) => t.text)).toEqual(['累计建成充电桩3万个']);
  });

  it.each([
    ['a figure already achieved', '截至去年底，全省已建成5G基站12万个。'],
    ['a work in progress', '首批9家工厂正在实施60项数字化改造。'],
    ['a statistic compared with last year', '全市规上工业增加值比上年增长6.2%。'],
    ['a past year without a goal', '2022年，全省新增高新技术企业1500家。'],
    ['counts of the document’s own parts', '《方案》提出了18项重点任务，分为五个部分。'],
    ['aspects of the plan', '从人才、资金、土地等6个方面提出保障措施。'],
    ['a classifier 大 (three big parts)', '方案共分为3大部分。'],
    ['a number in quotes', '以“5”个主导产业为重点。'],
    ['a phone number', '咨询电话:0351-4567890。'],
    ['a document number', '晋政发〔2024〕12号。'],
    ['a duration, which is a deadline', '力争在15个工作日内办结。'],
    ['an enumeration summed up with 等, reporting what exists', '在园区,钢铁、化工等8个专班联动运转。'],
    ['an approximate head count describing the present', '以全县3000多名农村劳动力为对象,开展培训。'],
    ['an article, not a count', '将打造一个开放共享的平台。'],
    ['an ordinal', '力争进入全国第一方阵。'],
    ['a subsidy on offer', '对新认定的国家级企业技术中心,给予一次性奖励200万元。'],
    ['a condition for support', '对年产值超过1亿元的企业,优先保障用地。'],
    ['a last-year figure under a goal heading', '一、主要目标\n2023年,全省软件业务收入达到3500亿元,同比增长12%。'],
    ['a reporting period written with a dash', '2024年1—11月全市规上工业增加值增长7%。'],
    ['counts of policies issued, next to 预期 that is no goal', '应对预期不稳等压力,出台40项产业政策。'],
    ['doubling in the past', '十年来,全市经济总量翻了一番。'],
    ['a project description', '该项目总投资超过50亿元,建成后年产值可达100亿元。'],
    ['an approximate figure without a goal', '园区现有企业约300家。'],
    ['a statistic reported with 同比', '今年以来,全市签约项目120个,同比增长8%。'],
    ['a support amount after the number', '对新落户的博士给予每月3000元生活补贴。'],
    ['a support rate introduced by 按', '验收合格的,按每亩800元给予奖补。'],
    ['a capped support share', '改造费用由财政按不超过20%的比例给予补助。'],
    ['a condition whose object ends in 的', '对新建连片100亩以上高标准茶园的,优先安排项目。'],
    ['what the last round achieved', '上一轮行动期间,全省企业平均研发强度达到3.6%。'],
    ['a figure from the statistics', '据省统计局统计,全省数字经济规模达到1.2万亿元。'],
    ['a stock quote', '该公司股份昨日收报12.3港元,升2.5%。'],
    ['a past month of this year', '今年4月,全市已发布首批场景,吸引80余家企业参与。'],
    ['a number inside a quoted name', '市委发布“人才新政二十条”,引发关注。'],
    ['the scope of a plan', '方案聚焦制造、农业、交通等10个行业和领域。'],
    ['progress against the year’s goal', '一季度全市新增就业1.2万人,完成年度目标任务的30%。'],
    ['progress against the year’s goal, without a period', '全县已完成全年计划的58%。'],
    ['a condition that runs across a list', '对年度营收首次突破5亿元、10亿元的企业,分别给予奖励。'],
    ['a page view count in the title lines', '北湖出台科技新政\n16人气 2024-05-01\n正文。'],
  ])('ignores %s', (_what, sentence) => {
    expect(targetsIn(sentence)).toEqual([]);
  });

  it('counts what a threshold qualifies, not the threshold', () => {
    expect(targetsIn('到2026年,培育营收超50亿元的龙头企业8家。').map((t) => [t.text, t.min])).toEqual([['培育营收超50亿元的龙头企业8家', 8]]);
    expect(targetsIn('到2026年,培育营收超百亿元企业5家、超十亿元企业30家以上。').map((t) => t.min)).toEqual([5, 30]);
  });

  it('reads a goal in the headline above the first sentence', () => {
    expect(targetsIn('北湖出台文旅新政 三年接待游客1亿人次\n2024-05-01 来源:北湖发布\n市政府日前印发方案。').map((t) => t.text)).toEqual([
      '接待游客1亿人次',
    ]);
    expect(targetsIn('北湖去年接待游客8000万人次\n市文旅局日前发布数据。')).toEqual([]);
    expect(targetsIn('北湖发布人才新政 三年引进人才5万人\n市委日前印发措施。').map((t) => t.text)).toEqual(['引进人才5万人']);
    expect(targetsIn('北湖出台文旅新政\n2025-03-01 来源:北湖发布 评论 36条 分享 120次 阅读 1.2万人\n正文。')).toEqual([]);
  });

  it('reads goals after a heading run into its line (（一）工作目标。…)', () => {
    const text = '一、总体要求\n(一)工作目标。2025—2027年,全市累计建成口袋公园200个。\n截至2024年底,已建成公园80个。';
    expect(targetsIn(text).map((t) => t.text)).toEqual(['全市累计建成口袋公园200个']);
  });

  it('reads a clause led by the article’s own year as its plan, and strips the year from the span', () => {
    const text = '发布日期:2025-02-01\n二、重点任务\n(一)实施老旧小区改造提升工程。2025年完成改造300个。';
    expect(findTargets(normalize(text).text, 2025).map((t) => normalize(text).text.slice(t.start, t.end))).toEqual(['完成改造300个']);
    expect(findTargets(normalize(text).text, 2026)).toEqual([]);
  });

  it('lets a run-in heading on the current line end the goal section above', () => {
    const text = '一、发展目标。到2027年,建成充电桩5万个。\n二、壮大整车企业。支持整车企业扩能,首次突破10万辆。';
    expect(targetsIn(text).map((t) => t.text)).toEqual(['建成充电桩5万个']);
  });

  // Issue 12, values: the number as written, its scale word in the unit, rates in % (lib/types.ts).
  it.each([
    ['到2025年，全市争取中央资金不超过4亿元。', null, 4, '亿元', '不超过'],
    ['到2027年，過渡性房屋落成量達3.2萬個。', 3.2, 3.2, '万个', '达'],
    ['到2026年，省級科技型中小企業突破2.4萬家。', 2.4, null, '万家', '突破'],
    ['到2025年,本地配套率达到五成以上。', 50, null, '%', '以上'],
    ['到2026年,再生能源发电占比提高至两成。', 20, 20, '%', null],
    ['到2030年，森林覆盖率达到百分之六十五。', 65, 65, '%', '达到'],
    ['到2030年，森林覆盖率提高到百分之六十至百分之六十五。', 60, 65, '%', null],
    ['行政院表示，到119年投入經費1.5兆元。', 1.5, 1.5, '兆元', null],
  ])('reads the amount of %s', (sentence, min, max, unit, qualifier) => {
    const found = targetsIn(sentence);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ min, max, unit, qualifier });
  });

  it('reads figures given 分别 as one target spanning them', () => {
    const found = targetsIn('到2026年,全市养老、托育和医疗机构床位分别达到1.2万张、3000张和8万张。');
    expect(found).toHaveLength(1);
    // Scales differ, so the figures are compared in the plain unit (lib/types.ts).
    expect(found[0]).toMatchObject({ text: '全市养老、托育和医疗机构床位分别达到1.2万张、3000张和8万张', min: 3000, max: 80000, unit: '张' });
    expect(found[0]!.indicator).toBe('全市养老、托育和医疗机构床位');
    expect(targetsIn('到2026年,全市工业、服务业投资分别增长12%和9%。')[0]).toMatchObject({ min: 9, max: 12, unit: '%' });
  });

  it('keeps a leading 力争 out of the span but in the qualifier (GUIDE: Qualifiers)', () => {
    expect(targetsIn('力争新培育专精特新企业100家。')[0]).toMatchObject({ text: '新培育专精特新企业100家', qualifier: '力争' });
    expect(targetsIn('全年固定资产投资力争增长10%以上。')[0]?.text).toBe('固定资产投资力争增长10%以上');
  });

  it.each([
    ['money to be won', '争取中央预算内补助资金2亿元以上。', '中央预算内补助资金2亿元以上'],
    ['a budget with a floor', '每年安排实验室运行经费不低于3000万元。', '每年安排实验室运行经费不低于3000万元'],
    ['money to be raised', '各县筹集1.2亿元资金,用于农村道路养护。', '各县筹集1.2亿元资金'],
  ])('reads %s as a target (GUIDE: Money)', (_what, sentence, text) => {
    expect(targetsIn(sentence).map((t) => t.text)).toEqual([text]);
  });

  it.each([
    ['a subsidy standard', '对举办展会的行业协会,给予2万元-8万元的补助。'],
    ['a tariff rate', '自2025年1月1日起,对进口商品加征25%关税。'],
    ['a count of goods a measure is aimed at', '针对进口关税已降为零的1800种原材料,引导企业扩大采购。'],
    ['a Hong Kong market quote', '恒生指數收報19,234點，升1.8%。'],
    ['a Taiwan export statistic', '外銷訂單金額500億美元，年增10.5%。'],
    ['a number inside a quoted name', '「城鄉八項提升行動」備受關注。'],
  ])('ignores %s', (_what, sentence) => {
    expect(targetsIn(sentence)).toEqual([]);
  });

  it('reads the figure but not the change that restates it', () => {
    expect(targetsIn('三年内全市充电桩将达到4.5万个,较规划出台时增加约60%。').map((t) => t.min)).toEqual([4.5]);
  });

  it('every target of the labelled texts keeps its number in its span and value', () => {
    for (const dir of ['tests/fixtures/corpus/dev', 'tests/fixtures/corpus/holdout']) {
      for (const name of readdirSync(dir).filter((n) => n.endsWith('.txt'))) {
        const text = readFileSync(join(dir, name), 'utf8');
        for (const s of readText(text, { force: true }).spans) {
          if (s.type !== 'target') continue;
          expect(s.value.min !== null || s.value.max !== null, `${name}: ${s.text}`).toBe(true);
          expect(normalize(s.text).text, `${name}: ${s.text}`).toMatch(/[\d零〇一二两三四五六七八九十百千]|翻/);
        }
      }
    }
  });
});
