import { describe, expect, it } from 'vitest';
import { pageVariants, variantsBook } from '../../../lib/lexicon/variants';
import book from '../../../lib/lexicon/page-variants.json';
import { pageFold } from '../../../lib/detect/page-fold';
import { simplifyName } from '../../../lib/text/fold';
import { words } from '../../../lib/lexicon/page-side';

describe('the page side fold', () => {
  it('page-variants.json is what lib/lexicon/variants.ts builds from page.json (npm run lexicon:variants)', () => {
    expect(book).toEqual(variantsBook(pageVariants()));
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
