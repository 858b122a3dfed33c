import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as OpenCC from 'opencc-js';
import { datedTitle, LOCALES, makeTranslate, messageKeys, pickLocale, resolveLocale, zhTranslate, type MessageKey } from '../../lib/i18n';

describe('i18n', () => {
  it('has the same keys in every locale', () => {
    const zh = messageKeys('zh-CN').sort();
    for (const l of LOCALES) expect(messageKeys(l).sort()).toEqual(zh);
  });
  it('defaults to Simplified Chinese, follows an English browser and a Traditional Chinese one', () => {
    expect(pickLocale([])).toBe('zh-CN');
    expect(pickLocale(['zh-CN', 'en'])).toBe('zh-CN');
    expect(pickLocale(['zh-TW'])).toBe('zh-TW');
    expect(pickLocale(['zh-HK'])).toBe('zh-TW');
    expect(pickLocale(['zh-Hant-MO'])).toBe('zh-TW');
    expect(pickLocale(['zh-Hans-HK'])).toBe('zh-CN');
    expect(pickLocale(['zh-SG'])).toBe('zh-CN');
    expect(pickLocale(['en-GB', 'zh-CN'])).toBe('en');
  });
  it('takes the reader\'s choice over the browser, and ignores a choice it does not know', () => {
    expect(resolveLocale('zh-TW', ['en-US'])).toBe('zh-TW');
    expect(resolveLocale('auto', ['en-US'])).toBe('en');
    expect(resolveLocale('fr', ['zh-CN'])).toBe('zh-CN');
    expect(resolveLocale(undefined, ['zh-TW'])).toBe('zh-TW');
  });
  it('fills parameters', () => {
    expect(makeTranslate('zh-CN')('error.generic', { message: '磁盘已满' })).toBe('出错了：磁盘已满');
    expect(makeTranslate('en')('error.generic', { message: 'disk full' })).toBe('Something went wrong: disk full');
  });
  it('never reads a parameter as a template (parameters are often page text)', () => {
    expect(makeTranslate('zh-CN')('deadline.within', { text: '{n}日内{text}$&' })).toBe('期限 {n}日内{text}$&');
  });
  it('writes English with English punctuation, in its strings and in what the views join', () => {
    const en = makeTranslate('en');
    const fullWidth = /[：、，。；（）「」]/;
    const offenders = messageKeys('en').filter((k) => fullWidth.test(en(k as MessageKey)) && !/[\u4e00-\u9fff]/.test(en(k as MessageKey)));
    expect(offenders).toEqual([]);
    expect(en('punct.labelled', { label: 'Program', value: '1227' })).toBe('Program: 1227');
    expect(['a', 'b'].join(en('punct.listSep'))).toBe('a, b');
    expect(datedTitle(en, { title: 'Plan', publishedAt: '2024-01-02' })).toBe('Plan (2024-01-02)');
    expect(datedTitle(zhTranslate, { title: '方案', publishedAt: '2024-01-02' })).toBe('方案（2024-01-02）');
    expect(datedTitle(en, { title: 'Plan' })).toBe('Plan');
  });
  it('falls back to Chinese where no translation is given', () => {
    expect(zhTranslate('kind.target')).toBe('目标');
    expect(makeTranslate('en')('kind.target')).toBe('Target');
  });
});

describe('Traditional Chinese as written in Taiwan', () => {
  const tw = makeTranslate('zh-TW');
  const all = messageKeys('zh-TW').map((k) => tw(k as MessageKey)).join('\n');
  it("uses Taiwan's words, not the mainland's in traditional characters", () => {
    for (const word of ['資料庫', '設定', '匯出', '匯入', '網站', '搜尋', '檔案', '計畫', '逾期', '儲存']) expect(all, word).toContain(word);
    // What a character-by-character conversion of the simplified table would leave.
    for (const word of ['設置', '導出', '導入', '搜索', '默認', '信息', '文件夾', '用戶', '鏈接', '保存', '項目', '數據']) expect(all, word).not.toContain(word);
  });
  it('is written in traditional characters throughout', () => {
    // Converting simplified to Taiwan's traditional changes nothing in a table already written so.
    const converter = OpenCC.Converter({ from: 'cn', to: 'tw' });
    // OpenCC's Taiwan table writes 公佈; the Ministry of Education's standard, and government notices, write 公布.
    const toTw = (s: string) => converter(s).replace(/公佈/g, '公布');
    const changed = messageKeys('zh-TW').filter((k) => {
      const s = tw(k as MessageKey);
      return toTw(s) !== s;
    });
    expect(changed).toEqual([]);
  });
  it('names the extension and its commands in the manifest as the table does, in every locale', () => {
    const manifest = (dir: string) => JSON.parse(readFileSync(`public/_locales/${dir}/messages.json`, 'utf8')) as Record<string, { message: string }>;
    for (const [dir, locale] of [['zh_CN', 'zh-CN'], ['zh_TW', 'zh-TW'], ['en', 'en']] as const) {
      const m = manifest(dir);
      const t = makeTranslate(locale);
      expect(Object.keys(m).sort(), dir).toEqual(Object.keys(manifest('zh_CN')).sort());
      expect(m.extName!.message.startsWith(t('appName')), dir).toBe(true);
      expect(m.cmdHighlight!.message, dir).toBe(t('shortcut.highlight'));
      expect(m.cmdNext!.message, dir).toBe(t('shortcut.next'));
      expect(m.cmdPrevious!.message, dir).toBe(t('shortcut.previous'));
    }
  });
});
