import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readText } from '../../lib/engine';
import { normalize } from '../../lib/text/normalize';

const NOTICE =
  '西江市人民政府辦公室關于印發西江市推動(dòng)數字經濟發展(fā zhǎn)行動方案的通知\n西政辦發〔2024〕7號\n' +
  '各區人民政府:\n現將《西江市推動(dòng)數字經濟發展(fā)行動方案》(以下簡稱《行動方案》)印發給你們。\n' +
  '《行動方案》提出,到2026年,培育數字經濟核心企業(yè)100家以上,今年要完成「數字賦能專項行動」首輪診斷。';

describe('readText', () => {
  const reading = readText(NOTICE, { publishedAt: '2024-04-02' });

  it('reports spans on the original characters, glosses included', () => {
    for (const s of reading.spans) expect(NOTICE.slice(s.start, s.end)).toBe(s.text);
    const title = reading.spans.find((s) => s.type === 'program' && s.text.startsWith('《西江市'));
    expect(title?.text).toBe('《西江市推動(dòng)數字經濟發展(fā)行動方案》');
    expect(title?.value).toEqual({ name: '西江市推动数字经济发展行动方案' });
  });

  it('links the back-reference and reads the corner-quoted campaign', () => {
    const programs = reading.spans.filter((s) => s.type === 'program').map((s) => s.value);
    expect(programs).toContainEqual({ name: '行动方案', aliasOf: '西江市推动数字经济发展行动方案' });
    expect(programs).toContainEqual({ name: '数字赋能专项行动' });
  });

  it('finds the target and resolves 今年 against the publication date', () => {
    const target = reading.spans.find((s) => s.type === 'target');
    expect(target?.value).toMatchObject({ min: 100, max: null, unit: '家', qualifier: '以上' });
    const thisYear = reading.spans.find((s) => s.text === '今年');
    expect(thisYear?.value).toEqual({ kind: 'scope', end: '2024-12-31', resolved: true });
  });

  it('reads the document number into the meta', () => {
    expect(reading.meta).toEqual({ publishedAt: '2024-04-02', docNumber: '西政办发〔2024〕7号' });
  });

  it('returns spans sorted by start', () => {
    const starts = reading.spans.map((s) => s.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it('drops spans inside injected spam but keeps the policy around it', () => {
    const text =
      '市政府印发《西江市促进消费若干措施》,提出全年新增限上商贸企业200家以上。加微信领取红包,日赚500元以上,点击www.example.com。' +
      '各区要加快推进、强化政策支持、落实保障措施,推动消费提质扩容,申请人可扫码领取补贴。';
    const targets = readText(text).spans.filter((s) => s.type === 'target').map((s) => s.text);
    expect(targets).toEqual(['新增限上商贸企业200家以上']);
  });

  it("takes the first document number as the pattern of one reads it (up to ten Chinese characters before its bracketed year)", () => {
    const DOC_NUMBER = /[\u4e00-\u9fff]{1,10}[〔【\[(]\d{4}[〕】\])]\d{1,4}号/;
    const noise = fc.array(fc.constantFrom('政', '发', '〔', '(', '〕', ')', '2024', '7', '号', ' ', '\n', 'a'), { maxLength: 8 }).map((p) => p.join(''));
    const name = fc.array(fc.constantFrom('晋', '政', '发', '办', '西', '江'), { maxLength: 14 }).map((p) => p.join(''));
    const year = fc.constantFrom('2024', '202', '20245');
    const number = fc.tuple(name, fc.constantFrom('〔', '【', '[', '(', '（'), year, fc.constantFrom('〕', '】', ']', ')'), fc.constantFrom('7', '12', '12345', ''), fc.constantFrom('号', '')).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.array(fc.oneof(noise, number), { maxLength: 4 }), (parts) => {
        const text = parts.join('');
        expect(readText(text, { force: true }).meta.docNumber).toBe(normalize(text).text.match(DOC_NUMBER)?.[0]);
      }),
      { numRuns: 300 },
    );
  });
});
