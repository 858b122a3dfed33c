import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { detectPage } from '../../../lib/detect';

/** A plain article page from a government host, so only the words decide between look-alikes. */
function judge(title: string, paragraphs: string[], url = 'http://www.example.gov.cn/zwgk/202404/t20240412_1.html') {
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>
    <div class="nav"><a href="/">首页</a><a href="/zwgk">政务公开</a></div>
    <div id="zoom"><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</div></body></html>`;
  return detectPage(parseHTML(html).document as unknown as Document, url);
}

const cases: Array<[string, string, string[], boolean, RegExp]> = [
  ['appointment notice with a document number', '关于张伟等同志职务任免的通知', [
    '晋阳政任〔2024〕3号', '各县（市、区）人民政府，市人民政府各委、办、局：',
    '经市人民政府研究决定：任命张伟同志为市发展和改革委员会副主任，试用期一年；免去李强同志的市财政局副局长职务。',
    '任命王芳同志为市统计局副局长；免去赵明同志的市统计局副局长职务，另有任用。', '晋阳市人民政府　2024年4月10日'], false, /-genre\.personnel/],
  ['meeting notice', '关于召开全市工业经济运行调度会议的通知', [
    '各县（市、区）工信局，市直有关单位：', '经研究，定于4月18日上午9:00召开全市工业经济运行调度会议。现将有关事项通知如下：',
    '一、会议时间：2024年4月18日上午9:00，会期半天。二、会议地点：市政府第三会议室。三、参会人员：各县（市、区）工信局主要负责同志。',
    '四、有关要求：请参会人员于8:40前到会议室报到，并于4月16日前将参会回执报送会务组。联系人：刘工，电话：0351-1234567。'], false, /-genre\.meeting-notice/],
  ['commendation', '关于表彰2023年度全市安全生产工作先进集体和先进个人的决定', [
    '2023年，全市各级各部门认真贯彻安全生产决策部署，涌现出一批先进集体和先进个人。为表彰先进、树立典型，市政府决定，授予市应急管理局执法支队等20个单位“全市安全生产工作先进集体”荣誉称号，授予王磊等50名同志“全市安全生产工作先进个人”荣誉称号。',
    '希望受到表彰的先进集体和先进个人珍惜荣誉，再接再厉。各级各部门要以先进为榜样，推动全市安全生产形势持续稳定向好。'], false, /-genre\.commendation/],
  ['short policy notice', '关于印发晋阳市促进民营经济发展若干措施的通知', [
    '晋阳政发〔2024〕5号', '各县（市、区）人民政府，市人民政府各委、办、局：',
    '《晋阳市促进民营经济发展若干措施》已经市人民政府同意，现印发给你们，请认真贯彻执行。',
    '到2025年，全市民营经济增加值占比达到55%以上，新培育专精特新中小企业200家以上；每年安排不少于2亿元专项资金支持民营企业技术改造。'], true, /\+policy\.(?:doc-form|doc-number|title-names-doc|reported)/],
];

describe('verdict on look-alike government pages', () => {
  for (const [name, title, paragraphs, isPolicy, reason] of cases) {
    it(`${name}: ${isPolicy ? 'policy' : 'not policy'}`, () => {
      const d = judge(title, paragraphs);
      expect(d.verdict.isPolicy, JSON.stringify(d.verdict)).toBe(isPolicy);
      expect(d.verdict.reasons.join(' ')).toMatch(reason);
      expect(d.verdict.score >= 0.5).toBe(isPolicy);
      expect(d.meta.region ?? null).toBe(isPolicy ? '晋阳' : null);
    });
  }

  it('forced detection still finds the article of a page the gate rejects', () => {
    const doc = parseHTML('<html><body><div id="zoom"><p>到2025年，新培育企业20家。</p></div></body></html>').document as unknown as Document;
    expect(detectPage(doc, 'https://www.example.gov.cn/a.html').article).toBeNull();
    const forced = detectPage(doc, 'https://www.example.gov.cn/a.html', { force: true });
    expect(forced.gate.pass).toBe(false);
    expect(forced.text).toContain('新培育企业20家');
  });
});
