import { describe, expect, it } from 'vitest';
import { countAgencies, findAgencies, findDocNumbers, findPublishedAt, inferRegion, readTextMeta, regionOfName } from '../../../lib/detect/text-meta';

describe('readTextMeta: document numbers', () => {
  const cases: Array<[string, string, string | undefined]> = [
    ['own number on its own line', '关于印发某某方案的通知\n工信部联科〔2024〕11号\n各省、自治区、直辖市工业和信息化主管部门：', '工信部联科〔2024〕11号'],
    ['labelled in a field', '索引号：000014349/2024-00031\n文号：晋政发〔2018〕13号\n发布日期：2018年03月27日', '晋政发〔2018〕13号'],
    ['traditional script, kept as written', '國發〔2015〕28號\n各省、自治區、直轄市人民政府：\n現將《中國製造2025》印發給你們。', '國發〔2015〕28號'],
    ['cited inside a sentence is not the page\'s own', '根据《黑龙江省事业单位公开招聘工作人员实施细则》（黑人社发〔2014〕63号）等文件规定，经县委、县政府同意，面向社会公开招聘工作人员，现将有关事项公告如下。'.repeat(2), undefined],
    ['square brackets and spaces', '发文字号： 豫政办 [2024] 21 号\n', '豫政办[2024]21号'],
  ];
  for (const [name, text, number] of cases) it(name, () => expect(readTextMeta(text).docNumber).toBe(number));

  it('reports where each number is and whether it is cited', () => {
    const t = '宿发〔2023〕11号\n为贯彻落实《关于推进文旅融合的意见》（皖发〔2022〕8号）精神，制定本意见。';
    const hits = findDocNumbers(t);
    expect(hits.map((h) => [h.text, h.own])).toEqual([['宿发〔2023〕11号', true], ['皖发〔2022〕8号', false]]);
    for (const h of hits) expect(t.slice(h.index, h.end)).toBe(h.text);
  });
});

describe('readTextMeta: publication date', () => {
  const cases: Array<[string, string, number | undefined, string | null]> = [
    ['labelled 发布时间 wins over 成文日期', '成文日期：2024年04月08日\n发布时间：2024-04-12 16:30', undefined, '2024-04-12'],
    ['byline with source', '标题\n2023-07-06 20:27:07 来源：中国山东网\n正文', undefined, '2023-07-06'],
    ['报名时间 is not a publication date', '某单位招聘公告\n2023-03-07 09:28:31\n报名时间：2023年3月22日至3月24日。', undefined, '2023-03-07'],
    ['dateline completed with the year the text names', '本报太原3月9日讯（记者 王龙飞）省工信厅发布《2023年行动计划》，今年将……', undefined, '2023-03-09'],
    ['dateline with a year hint', '新华社北京3月5日电 国务院总理在政府工作报告中提出……', 2024, '2024-03-05'],
    ['signature date of a document', '各市人民政府：\n现将方案印发给你们。\n青岛市人民政府\n2025年3月7日\n（此件公开发布）', undefined, '2025-03-07'],
    ['Hong Kong press release ending', '政府今日公布藍圖。\n完\n2024年10月3日（星期四）\n香港時間15時30分', undefined, '2024-10-03'],
    ['impossible dates are ignored', '发布时间：2024-13-45', undefined, null],
    ['no date at all', '到2027年，建成中试平台20家以上。', undefined, null],
  ];
  for (const [name, text, year, date] of cases) it(name, () => expect(findPublishedAt(text, year)).toBe(date));
});

describe('readTextMeta: agencies', () => {
  it('national bodies by canonical name, longest form first', () => {
    const m = readTextMeta('工信部、国家发展改革委等八部门联合印发意见。国务院办公厅转发通知。');
    expect(m.agencies).toEqual(expect.arrayContaining(['工业和信息化部', '国家发展改革委', '国务院办公厅']));
    expect(m.agencies).not.toContain('国务院');
  });
  it('local bodies with their place; short forms as written', () => {
    const m = readTextMeta('东阳市人民政府办公室印发方案。记者从省工信厅了解到，中共宿州市委宿州市人民政府联合发文。');
    expect(m.agencies).toEqual(expect.arrayContaining(['东阳市人民政府办公室', '省工信厅', '中共宿州市委', '宿州市人民政府']));
  });
  it('does not invent places from ordinary words', () => {
    const m = readTextMeta('各省、自治区、直辖市人民政府，各地级以上市人民政府：全市人民政府系统要抓好落实。');
    for (const a of m.agencies ?? []) expect(a).not.toMatch(/^(直辖|以上|全市|地级)/);
  });
  it('local branches are not the national body', () => {
    expect(readTextMeta('省发展改革委、市人民银行联合开展调研。').agencies).not.toContain('国家发展改革委');
  });
  // The verdict counts bodies without listing them, placed ones first: the count must be the list's.
  it('countAgencies is the number findAgencies lists, up to the cap', () => {
    const texts = [
      '工信部、国家发展改革委等八部门联合印发意见。国务院办公厅转发通知。',
      '东阳市人民政府办公室印发方案。记者从省工信厅了解到，中共宿州市委宿州市人民政府联合发文。',
      '省发展改革委、市人民银行联合开展调研。',
      '省工信厅会同国家发展改革委发布通知。',
      '球队主场迎战对手。',
    ];
    for (const t of texts) for (const cap of [1, 2, 3, 12]) expect(countAgencies(t, cap), `${t} (cap ${cap})`).toBe(Math.min(findAgencies(t).length, cap));
    expect(countAgencies(texts[0]!, 12)).toBeGreaterThan(2);
    expect(countAgencies(texts[4]!, 2)).toBe(0);
  });
});

describe('readTextMeta: region', () => {
  const cases: Array<[string, string, string | null]> = [
    ['我省 with the province named in the plan', '本报太原3月9日讯 今年我省将实施行动。省工信厅发布《山西省企业技术创新能力提升2023年行动计划》。', '山西'],
    ['city issuer beats the province and city it cites', '东阳市人民政府办公室关于印发方案的通知\n为贯彻《浙江省人民政府办公厅关于印发方案的通知》和《金华市人民政府办公室关于印发方案的通知》精神，结合我市实际。', '东阳'],
    ['national document', '国发〔2015〕28号\n各省、自治区、直辖市人民政府，国务院各部委：现将《中国制造2025》印发给你们。国务院', '全国'],
    ['national voice without a number', '新华社北京3月5日电 国务院总理李强5日在政府工作报告中提出，今年发展主要预期目标是国内生产总值增长5%左右。', '全国'],
    ['a round-up of several provinces', '浙江将实施48个项目。北京将加大投入。广西打造新能源汽车高地。重庆出台行动计划。黑龙江打造产业集群。', null],
    ['traditional script', '廣東省人民政府辦公廳關於印發廣東省推動低空經濟高質量發展行動方案的通知\n粵府辦〔2024〕6號', '广东'],
    ['Hong Kong', '香港特別行政區政府今日公布《香港新型工業化發展藍圖》，到2030年新增企業100家。', '香港'],
  ];
  for (const [name, text, region] of cases) it(name, () => expect(readTextMeta(text).region ?? null).toBe(region));

  it('names point at places or national bodies', () => {
    expect(regionOfName('山东省工业和信息化厅')).toBe('山东');
    expect(regionOfName('浙江省东阳市人民政府')).toBe('东阳');
    expect(regionOfName('重庆市发展和改革委员会')).toBe('重庆');
    expect(regionOfName('工业和信息化部')).toBe('全国');
    expect(regionOfName('部门解读:山东省制造业中试创新发展实施方案')).toBe('山东');
    expect(regionOfName('关于做好全市防汛工作的通知')).toBeNull();
  });

  it('a headline naming a city that the text names as issuer', () => {
    expect(inferRegion('本报讯 新乡市人民政府办公室日前印发《方案》，到2026年规上工业企业突破2500家。', { title: '新乡出台三年行动方案' })).toBe('新乡');
  });
});

describe('readTextMeta on glossed text', () => {
  it('reads through pinyin glosses', () => {
    const m = readTextMeta('為推動(dòng)制造業(yè)發(fā)展\n本報(bào)太原3月9日訊(xùn) 我省將實(shí)施行動(dòng)。省工信廳(tīng)發(fā)布《山西省2023年行動(dòng)計(jì)劃》。');
    expect(m.region).toBe('山西');
    expect(m.publishedAt).toBe('2023-03-09');
    expect(m.title).toBe('為推動制造業發展');
  });
});
