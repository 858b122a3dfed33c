import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TITLE_MAX, suggestedFilename } from '../../../lib/export/filename';

const ILLEGAL = /[<>:"/\\|?*\u0000-\u001F\u202A-\u202E]/;

describe('suggestedFilename', () => {
  it('is the date and a short title', () => {
    const title = '山西企业技术创新能力提升2023年行动计划实施方案暨省级技术创新示范企业认定管理办法（修订稿）的通知';
    const name = suggestedFilename({ title, date: '2026-11-24', ext: 'md' });
    expect(name.startsWith('2026-11-24-山西企业技术创新')).toBe(true);
    expect(name.endsWith('….md')).toBe(true);
    expect(Array.from(name.slice('2026-11-24-'.length, -'….md'.length)).length).toBeLessThanOrEqual(TITLE_MAX);
  });

  it('keeps a short title whole and takes the day of a Date', () => {
    expect(suggestedFilename({ title: '关于开展试点工作的通知', date: new Date(Date.UTC(2024, 3, 19, 10)), ext: 'docx' })).toBe(
      '2024-04-19-关于开展试点工作的通知.docx',
    );
  });

  it('removes characters Windows and macOS refuse, and disguising marks', () => {
    const name = suggestedFilename({ title: '《通知》a<b>c:d"e/f\\g|h?i*j\u202Egpj.exe', date: 'not a date', ext: 'csv' });
    expect(name).not.toMatch(ILLEGAL);
    expect(name).not.toContain('《');
    expect(name.endsWith('.csv')).toBe(true);
  });

  it('is never empty, hidden or a reserved device name', () => {
    expect(suggestedFilename({ title: '', ext: 'md' })).toBe('policylens-export.md');
    expect(suggestedFilename({ title: '///', date: null, ext: 'md' })).toBe('policylens-export.md');
    expect(suggestedFilename({ title: '...隐藏', ext: 'md' })).toBe('隐藏.md');
    expect(suggestedFilename({ title: 'CON', ext: 'txt' })).toBe('_CON.txt');
  });

  it('holds for any title', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.constantFrom('md', 'csv', 'html'), (title, ext) => {
        const name = suggestedFilename({ title, date: '2026-11-24', ext });
        expect(name).not.toMatch(ILLEGAL);
        expect(name.endsWith(`.${ext}`)).toBe(true);
        expect(name.length).toBeGreaterThan(ext.length + 1);
        expect(new TextEncoder().encode(name).length).toBeLessThanOrEqual(255);
        expect(name.startsWith('.')).toBe(false);
      }),
    );
  });
});
