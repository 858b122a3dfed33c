import { describe, expect, it } from 'vitest';
import { judgeText } from '../../../lib/verdict';
import { readText } from '../../../lib/engine';

const POLICY_NEWS =
  '本报讯 记者从市工信局获悉,市政府办公室日前印发《西江市制造业数字化转型行动方案(2024—2026年)》,提出到2026年,' +
  '全市规上工业企业数字化改造覆盖率达到90%以上,培育省级智能工厂30家左右。方案明确了五项重点任务,要求各区加快推进、' +
  '强化政策支持,落实保障措施,推动制造业高质量发展。';
const POLICY_TRADITIONAL =
  '市政府辦公室印發《西江市促進消費若干措施》的通知。各區人民政府要加快推進落實,力爭全年社會消費品零售總額增長6%左右,' +
  '強化政策支持,完善保障措施,推動消費提質擴容。';

describe('judgeText', () => {
  it.each([
    ['a policy news report', POLICY_NEWS],
    ['a traditional-script policy notice', POLICY_TRADITIONAL],
    [
      'a government meeting that sets employment goals',
      '市政府召开稳就业工作推进会。会议要求,全年城镇新增就业5万人以上,城镇调查失业率控制在5.5%以内。会议强调,要深入实施“百企千岗”招聘行动,每月举办招聘会不少于2场。',
    ],
  ])('accepts %s', (_what, text) => {
    const v = judgeText(text);
    expect(v.isPolicy).toBe(true);
    expect(v.score).toBeGreaterThan(0.5);
    expect(v.reasons.length).toBeGreaterThan(0);
  });

  it.each([
    ['a recruitment notice', '2024年西江市事业单位公开招聘工作人员公告。报考人员应具备以下条件。报名时间为3月1日至3月5日,笔试科目为公共基础知识,笔试合格者进入面试,面试后组织体检和考察,拟录用人员名单将公示。考生须携带准考证参加考试。'],
    ['a statistics bulletin', '西江市统计局。初步核算,全年地区生产总值比上年增长5.1%。年末常住人口比上年增加2万人。规上工业增加值比上年增长6.2%,社会消费品零售总额比上年增长4.3%,按可比价格计算,同比增长3.1%。'],
    ['a football report', '本轮联赛中,主场作战的西江队在比赛第80分钟打入制胜进球,球队以2比1击败对手。赛季过半,球员状态出色,决赛前景可期,主教练称比分反映了场面。'],
    ['a recipe', '食材:五花肉500克。做法:五花肉焯水后切块,锅中放油,小火炒糖色,放入肉块翻炒,加入调料和适量清水,大火烧开后转小火炖一小时,出锅前收汁。'],
    ['a weather forecast', '气象台预报,明天多云转阵雨,最高气温28度,最低气温21度。受冷空气影响,后天起降雨增多,部分地区有雷阵雨,天气转凉。'],
    ['a phone review', '这款手机搭载新一代处理器,屏幕素质出色,续航表现优秀,摄像头成像清晰,跑分成绩领先,售价3999元,性价比很高,上手体验流畅。'],
    ['company news', '西江科技股份有限公司今日举行新品发布会,董事长表示,公司将加快推进研发建设,提升用户体验,打造行业领先品牌,全年订单增长30%,营收和净利润创新高,门店数量突破500家。'],
    ['a travel feature', '周末去西江古镇走走。古镇始建于明代,街巷两侧是老字号店铺,游客可以品尝当地小吃,感受慢生活。当地政府近年来加大保护力度,古镇面貌焕然一新,夜景尤其迷人。'],
    ['English text', 'The city council approved a new plan to build 20 parks by 2027.'],
  ])('rejects %s', (_what, text) => {
    const v = judgeText(text);
    expect(v.isPolicy).toBe(false);
    expect(v.score).toBeLessThan(0.5);
    expect(v.reasons.length).toBeGreaterThan(0);
  });

  it('gives a non-policy text no spans unless forced', () => {
    const text = '2024年西江市公开招聘公告。报考人员须参加笔试和面试,报名截止后将组织资格审查,考生凭准考证参加考试,到2024年底前完成录用。';
    expect(readText(text).spans).toEqual([]);
    expect(readText(text, { force: true }).spans.length).toBeGreaterThan(0);
  });
});
