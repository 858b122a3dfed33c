import { describe, expect, it } from 'vitest';
import { LOCALES, makeTranslate, messageKeys, pickLocale, zhTranslate } from '../../lib/i18n';

describe('i18n', () => {
  it('has the same keys in every locale', () => {
    const zh = messageKeys('zh-CN').sort();
    for (const l of LOCALES) expect(messageKeys(l).sort()).toEqual(zh);
  });
  it('defaults to Chinese and follows an English browser', () => {
    expect(pickLocale([])).toBe('zh-CN');
    expect(pickLocale(['zh-TW'])).toBe('zh-CN');
    expect(pickLocale(['en-GB', 'zh-CN'])).toBe('en');
  });
  it('fills parameters', () => {
    expect(makeTranslate('zh-CN')('error.generic', { message: '磁盘已满' })).toBe('出错了：磁盘已满');
    expect(makeTranslate('en')('error.generic', { message: 'disk full' })).toBe('Something went wrong: disk full');
  });
  it('never reads a parameter as a template (parameters are often page text)', () => {
    expect(makeTranslate('zh-CN')('deadline.within', { text: '{n}日内{text}$&' })).toBe('期限 {n}日内{text}$&');
  });
  it('falls back to Chinese where no translation is given', () => {
    expect(zhTranslate('kind.target')).toBe('目标');
    expect(makeTranslate('en')('kind.target')).toBe('Target');
  });
});
