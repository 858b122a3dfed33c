import { describe, expect, it } from 'vitest';
import { judgeText } from '../../../lib/verdict';

/**
 * Kinds of text the verdict meets on real pages, written for this test (not taken from any
 * corpus): each must be read as what it is, with a margin, whatever its script, layout or genre words.
 */
const POLICY: [string, string][] = [
  ["a municipal fund management 办法 whose articles are mostly subsidy amounts", "宁波市氢能产业发展专项资金管理办法\n第一条 为规范氢能产业发展专项资金管理，提高资金使用效益，根据有关规定，制定本办法。\n第二条 本办法所称专项资金，是指市财政预算安排，用于支持氢能产业发展的资金。\n第三条 对新建加氢站，按照设备投资额的30%给予补助，单个项目最高不超过500万元。\n第四条 对年销售氢燃料电池汽车超过100辆的企业，给予每辆2万元奖励。\n第五条 申报单位应于每年3月底前提交申报材料，市经信局在收到材料后20个工作日内完成审核。\n第六条 本办法自2025年1月1日起施行，有效期至2027年12月31日。\n"],
  ["a Hong Kong report of a Shenzhen action plan, with a stock quote and related news", "深圳出台AI終端產業計劃 兩年內培育百億級企業10家\n【星島日報報道】深圳市工業和信息化局昨日公布《深圳市加快推進人工智能終端產業發展行動計劃（2025—2026年）》，提出兩年內全市人工智能終端產業規模突破8000億元，培育百億級企業10家以上。\n計劃提出，明年底前建成5個人工智能終端產業集聚區，並對符合條件的企業給予最高3000萬元獎勵。\n市場人士認為，政策將利好相關板塊。騰訊控股（00700）昨收報388.2港元，升1.8%。\n相關新聞\n深圳樓市成交回暖\n"],
  ["a news agency report of a provincial cultivation plan with an achieved figure", "湖南发布专精特新企业培育方案\n新华网长沙3月5日电 湖南省工业和信息化厅近日印发《湖南省专精特新中小企业梯度培育方案》，提出到2025年，全省新增国家级专精特新“小巨人”企业100家以上，省级专精特新中小企业1000家以上。\n据介绍，截至2023年底，湖南已累计培育国家级“小巨人”企业405家。\n"],
  ["a plan extracted from PDF, lines broken mid-sentence and a page number", "云南省咖啡产业高质量发展三年行动方案\n（2025—2027年）\n为加快推进咖啡产业高质量发展，结合我省实际，制定本方\n案。\n一、总体目标\n到2027年，全省咖啡种植面积稳定在130万亩左右，精品咖啡\n豆占比达到30%以上，培育年产值超10亿元的龙头企业5家。\n- 2 -\n二、重点任务\n（一）实施咖啡品质提升工程。每年建设标准化示范基地10个，\n推广良种良法。\n"],
  ["a glossed traditional-script policy Q&A", "《寧(níng)夏(xià)氫(qīng)能(néng)產(chǎn)業(yè)發(fā)展實(shí)施方案》政策解讀(dú)\n一、出臺(tái)背景是什(shén)麼(me)？\n為(wèi)加快培育氫(qīng)能產(chǎn)業(yè)，自治區人民政府辦(bàn)公廳印發(fā)了實(shí)施方案。\n二、主要目標是什(shén)麼(me)？\n到2027年，全區綠(lǜ)氫(qīng)產(chǎn)能達(dá)到每年30萬(wàn)噸(dūn)，建成加氫(qīng)站20座以上。\n"],
  ["a drafting explanation of an 意见", "关于《吉林省关于推动冰雪经济高质量发展的意见》的起草说明\n一、起草背景\n冰雪经济是我省的特色优势产业。近年来，全省冰雪产业持续发展。\n二、主要内容\n《意见》共分五个部分，提出到“十五五”末，全省冰雪产业总规模达到3000亿元。\n三、下一步工作\n各地各部门要抓好贯彻落实，每年11月至次年3月开展冰雪旅游季活动。\n"],
  ["a news page with navigation, an injected ad and a related-headlines list", "首页 > 新闻中心 > 本地要闻\n阅读 3.4万\n泉州出台鞋服产业数字化转型三年行动 到2026年培育智能工厂50家\n【广告】加微信xx领取300元购物券\n市工信局日前印发《泉州市鞋服产业数字化转型三年行动方案》，提出到2026年，全市培育省级智能工厂50家以上，规上鞋服企业数字化改造覆盖率达到80%。\n方案明确，对完成数字化改造的企业，按设备投资额的10%给予补助，单个企业最高不超过300万元。\n扫码关注公众号，获取更多资讯\n热门推荐\n泉州今年GDP同比增长5.6%（2025-01-20）\n"],
  ["a Taiwan report of a Shanghai plan (「」, 兆, 新台幣)", "上海推人形機器人新政 目標2027年產業規模破千億元人民幣\n（中央社記者李明台北12日電）中國大陸上海市政府日前發布「上海市具身智慧產業發展行動方案」，提出到2027年，全市具身智慧核心產業規模突破人民幣1000億元（約新台幣4.5兆元），培育10家以上具國際競爭力的龍頭企業。\n方案指出，上海將建設3個以上市級具身智慧創新平台，推動機器人在製造、醫療、養老等領域的應用示範，並在今年底前完成首批應用場景清單。\n業界人士表示，上海此舉意在搶占人形機器人產業高地，但能否落實仍有待觀察。\n延伸閱讀\n"],
  ["a notice issuing a 工作要点", "河北省教育厅关于印发2025年全省职业教育工作要点的通知\n各市（含定州、辛集市）教育局，雄安新区公共服务局，各高等职业院校：\n现将《2025年全省职业教育工作要点》印发给你们，请结合实际，认真贯彻落实。\n2025年全省职业教育工作要点\n一、深化产教融合。年内遴选市域产教联合体10个，3月20日前完成申报。\n二、提升办学质量。到2026年底，建成省级高水平专业群100个。\n"],
];
const OTHER: [string, string][] = [
  ["a 两会 interview with a company chairman about the company's goals", "两会访谈｜全国人大代表、某储能科技董事长：到2027年公司储能出货量力争翻番\n记者：今年政府工作报告提出发展新型储能，您怎么看？\n董事长：我们很受鼓舞。公司计划到2027年营业收入突破500亿元，储能电池出货量达到100GWh，研发投入占营收比例保持在6%以上。\n记者：公司今年的分红安排呢？\n董事长：董事会已审议通过，每10股派发现金红利5元，未来三年分红比例不低于30%。\n"],
  ["a market report whose lede mentions a regulator's new rules", "A股午评：沪指半日涨0.8% 券商板块领涨\n今日两市小幅高开，沪指盘中站上3300点，创业板指涨1.2%。券商、保险板块领涨，超3000只个股上涨。\n消息面上，证监会昨日发布《关于加强上市公司监管的意见（试行）》，市场人士认为有利于提振信心。\n北向资金半日净流入32亿元。\n"],
  ["a report of a party secretary's inspection tour", "书记在我市调研时强调 扎实推动高质量发展\n5月7日至8日，市委书记率队深入园区、企业调研，实地察看项目建设进展，详细了解企业生产经营情况。\n他强调，要坚持稳中求进，推动产业转型升级，为全市经济社会发展作出更大贡献。市领导陪同调研。\n"],
];

describe('the verdict on kinds of text', () => {
  it.each(POLICY)('reads %s as policy', (_what, text) => {
    const v = judgeText(text);
    expect(v.isPolicy, v.reasons.join(' ')).toBe(true);
    expect(v.score).toBeGreaterThan(0.8);
  });
  it.each(OTHER)('reads %s as another kind of page', (_what, text) => {
    const v = judgeText(text);
    expect(v.isPolicy, v.reasons.join(' ')).toBe(false);
    expect(v.reasons[0]).toMatch(/^-genre\./);
  });
});
