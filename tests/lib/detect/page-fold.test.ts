import { describe, expect, it } from 'vitest';
import { pageVariants, variantsBook } from '../../../lib/lexicon/variants';
import book from '../../../lib/lexicon/page-variants.json';
import { pageFold } from '../../../lib/detect/page-fold';
import { simplifyName } from '../../../lib/text/fold';
import { records, words } from '../../../lib/lexicon/page-side';

describe('the page side fold', () => {
  it('page-variants.json is what lib/lexicon/variants.ts builds from page.json (npm run lexicon:variants)', () => {
    expect(book).toEqual(variantsBook(pageVariants()));
  });
  it('holds one Han character per key (the fold matches them as one regex class)', () => {
    const keys = records('page-variants.chars').map(([t]) => t!);
    expect(keys.length).toBeGreaterThan(50);
    for (const t of keys) expect(t, t).toMatch(/^[\u3400-\u9fff\uf900-\ufaff]$/);
  });
  it('folds traditional furniture words and glosses as the engine does', () => {
    for (const t of ['相關閱讀', '延伸閱讀', '版權(quán)所有', '責任編輯', '上一篇', '打印本頁', '網站地圖']) expect(pageFold(t)).toBe(simplifyName(t));
  });
  it('reads every furniture opening written in traditional script back as the list has it', () => {
    for (const w of words('page.furniture-openings')) {
      const traditional = [...w].map((ch) => Object.entries(pageVariants()).find(([, s]) => s === ch)?.[0] ?? ch).join('');
      expect(pageFold(traditional)).toBe(w);
    }
  });
});
