import { describe, expect, it } from 'vitest';
import { readText } from '../../../lib/engine';

// Programs are resolved against each other (a title beats the quoted name inside it), so these
// tests read through the engine and look only at the program spans.
const programsIn = (text: string) =>
  readText(text, { force: true })
    .spans.filter((s) => s.type === 'program')
    .map((s) => ({ text: s.text, ...s.value }));

describe('programs', () => {
  it.each([
    ['省政府印发《河东省数字经济提速三年行动方案》。', '《河东省数字经济提速三年行动方案》', '河东省数字经济提速三年行动方案'],
    ['根据《中华人民共和国中小企业促进法》规定。', '《中华人民共和国中小企业促进法》', '中华人民共和国中小企业促进法'],
    ['特区政府公布《东湾新型工业化发展蓝图》,提出五大方向。', '《东湾新型工业化发展蓝图》', '东湾新型工业化发展蓝图'],
    ['市里发布《低空经济发展路线图》。', '《低空经济发展路线图》', '低空经济发展路线图'],
    ['全面实施“百企攀登行动”。', '“百企攀登行动”', '百企攀登行动'],
    ['深入开展“2024服务提升年”活动。', '“2024服务提升年”', '2024服务提升年'],
    ['实施“3510”先进制造业集群培育工程,打造产业高地。', '“3510”先进制造业集群培育工程', '3510先进制造业集群培育工程'],
    ['编制“十五五”规划。', '“十五五”规划', '十五五规划'],
    ['推进“千村示范、万村整治”工程。', '“千村示范、万村整治”工程', '千村示范、万村整治工程'],
    ['深入实施中小企业数字化赋能专项行动。', '中小企业数字化赋能专项行动', '中小企业数字化赋能专项行动'],
    ['实施产业链供应链韧性提升工程、优质企业梯度培育工程。', '产业链供应链韧性提升工程', '产业链供应链韧性提升工程'],
    ['启动青年英才集聚计划。', '青年英才集聚计划', '青年英才集聚计划'],
    ['省委制定了产业协同发展行动计划,其中服务业扩容提质行动计划已经出台。', '产业协同发展行动计划', '产业协同发展行动计划'],
    ['部署“育苗、壮干、强链”三大攻坚行动和12项任务。', '“育苗、壮干、强链”三大攻坚行动', '育苗、壮干、强链三大攻坚行动'],
    ['全面推进“四好农村路”建设。', '“四好农村路”建设', '四好农村路建设'],
    ['启动乡村“领头羊”项目。', '“领头羊”项目', '领头羊项目'],
    ['国务院出台“稳外贸十二条”,提振信心。', '“稳外贸十二条”', '稳外贸十二条'],
    ['深入开展家电以旧换新下乡活动。', '家电以旧换新下乡活动', '家电以旧换新下乡活动'],
  ])('finds the program in %s', (sentence, text, name) => {
    expect(programsIn(sentence)[0]).toMatchObject({ text, name });
  });

  it('reads nested titles as one program', () => {
    const found = programsIn('根据《省政府办公厅关于印发〈河东省制造业振兴行动方案(2024—2026年)〉的通知》要求。');
    expect(found).toHaveLength(1);
    expect(found[0]?.name).toBe('省政府办公厅关于印发〈河东省制造业振兴行动方案(2024—2026年)〉的通知');
  });

  it('links a short back-reference to the full title', () => {
    const found = programsIn('市政府出台了《西江市促进民营经济发展若干措施》(以下简称《若干措施》)。《若干措施》明确,加大支持。');
    expect(found.map((p) => [p.text, p.aliasOf])).toEqual([
      ['《西江市促进民营经济发展若干措施》', undefined],
      ['《若干措施》', '西江市促进民营经济发展若干措施'],
      ['《若干措施》', '西江市促进民营经济发展若干措施'],
    ]);
  });

  it('recognises a title heading and its later bare mentions', () => {
    const text = '西江市人民政府关于加快建设现代物流枢纽的实施意见\n各区人民政府:\n现就加快建设现代物流枢纽提出如下意见。\n附件:西江市人民政府关于加快建设现代物流枢纽的实施意见';
    const found = programsIn(text);
    expect(found.map((p) => p.name)).toEqual([
      '西江市人民政府关于加快建设现代物流枢纽的实施意见',
      '西江市人民政府关于加快建设现代物流枢纽的实施意见',
    ]);
  });

  it('names a heading that drops the years after the full title', () => {
    const found = programsIn('现将《西江市文旅融合行动方案(2024—2026年)》印发给你们。\n西江市文旅融合行动方案\n为推动文旅融合,制定本方案。');
    expect(found.map((p) => p.name)).toEqual(['西江市文旅融合行动方案(2024—2026年)', '西江市文旅融合行动方案(2024—2026年)']);
  });

  it('takes the plan inside a 下达 notice heading', () => {
    const found = programsIn('西江市人民政府关于下达2025年西江市国民经济和社会发展计划的通知\n各区人民政府:');
    expect(found[0]?.name).toBe('2025年西江市国民经济和社会发展计划');
  });

  it('takes the document inside an issuing notice heading', () => {
    const found = programsIn('西江市人民政府办公室关于印发西江市全民健身实施计划的通知\n各县区人民政府:');
    expect(found[0]?.name).toBe('西江市全民健身实施计划');
  });

  it('simplifies traditional and glossed names', () => {
    const found = programsIn('實施“雙百行動(dòng)”。');
    expect(found[0]).toMatchObject({ text: '“雙百行動(dòng)”', name: '双百行动' });
  });

  it.each([
    ['a newspaper', '据《河东日报》报道,全省经济回暖。'],
    ['a TV column', '欢迎收看《民生连线》节目。'],
    ['a novel', '他正在读《平凡的世界》。'],
    ['a slogan in quotes', '坚持“两个毫不动摇”。'],
    ['a quoted role', '发挥“链主”企业作用。'],
    ['a generic 行动 after an adverb', '各方面要采取有力行动。'],
    ['a plan referred to by 本', '本行动方案自印发之日起施行。'],
    ['a recruitment plan', '计划招聘工作人员20名。'],
    ['a section heading that ends like a title', '一段话。\n加强组织领导和保障措施\n各地要落实。'],
    ['a list summed up as N大工程', '参与产业基础再造、重大技术装备攻关两大工程。'],
    ['a praise word, not a name', '这是党中央部署的重大民生工程。'],
    ['a verb phrase ending in 行动', '全面准确认识碳达峰行动的深远影响。'],
    ['a duty that reports on the 行动', '各县(区)要在每月底报送行动进展。'],
    ['an ordinary event', '各地开展形式多样的宣传活动,组织开展志愿服务活动。'],
    ['a quoted slogan used once', '推动“数实融合”向纵深发展。'],
    ['an honour used twice', '评选“北湖技术能手”。获得“北湖技术能手”的,给予奖励。'],
    ['a quoted concept the text also writes plainly', '“数智融合”是方向。推动“数智融合”。培育数智融合企业。'],
    ['a quoted term that only modifies', '培育“链上企业”标杆,打造“链上企业”集群。'],
    ['a duty after a modal verb', '各单位(部门)应及时总结行动成效。'],
  ])('ignores %s', (_what, sentence) => {
    expect(programsIn(sentence)).toEqual([]);
  });

  it('names a quoted slogan the article uses on its own, twice or beside a named program', () => {
    const twice = programsIn('全市推动“智造强链”向纵深推进。“智造强链”是北湖发展的关键举措。');
    expect(twice.map((p) => p.text)).toEqual(['“智造强链”', '“智造强链”']);
    const stem = programsIn('北湖推“数据赋能×”行动。所谓“数据赋能×”,是指数据协同。');
    expect(stem.map((p) => p.text)).toEqual(['“数据赋能×”行动', '“数据赋能×”']);
  });

  // GUIDE "Edge cases, decided": how the rules read together on the kinds of text it names.
  describe('edge cases the GUIDE decided', () => {
    it('reads the named plans of a Taiwan budget list, not their amounts', () => {
      const found = programsIn('經濟部辦理住宅節能升級計畫、產業節能輔導綱要計畫等12億元;交通部辦理鐵路立體化建設計畫第二期。');
      expect(found.map((p) => p.name)).toEqual(['住宅节能升级计划', '产业节能辅导纲要计划', '铁路立体化建设计划第二期']);
    });

    it('names the summary of a quoted list, not its items', () => {
      const found = programsIn('做好“数字经济”“海洋经济”“文旅经济”这“三篇文章”。做好“三篇文章”的部署已经完成。');
      expect(found.map((p) => p.text)).toEqual(['“三篇文章”', '“三篇文章”']);
    });

    it('reads quoted strategies and campaigns, not principles or topics', () => {
      const found = programsIn('深入践行“山海协作战略”,加大“两招两引”力度,坚持“两个毫不动摇”,做好“三农”工作。');
      expect(found.map((p) => p.text)).toEqual(['“山海协作战略”', '“两招两引”']);
    });

    it('takes construction projects for projects, not programs', () => {
      expect(programsIn('加快实施北江水资源配置一期工程,建成沿江高速二期。')).toEqual([]);
    });

    it('reads a title published in running text and its back-reference', () => {
      const found = programsIn('近日,省政府办公厅印发河东省促进民营经济发展若干措施(以下简称《措施》)。《措施》明确,加大支持。');
      expect(found.map((p) => [p.text, p.aliasOf])).toEqual([
        ['河东省促进民营经济发展若干措施', undefined],
        ['《措施》', '河东省促进民营经济发展若干措施'],
        ['《措施》', '河东省促进民营经济发展若干措施'],
      ]);
    });

    it('reads a count written either way as the same name', () => {
      const found = programsIn('“河东九项减碳战略”明年预算80亿元,河东9项减碳战略中节能部分最多。');
      expect(found.map((p) => p.name)).toEqual(['河东九项减碳战略', '河东九项减碳战略']);
    });
  });
});
