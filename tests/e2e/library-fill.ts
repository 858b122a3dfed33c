import type { Page } from 'playwright-core';

/**
 * Fill the extension's library fast, for backup tests and benchmarks: records are written straight
 * into its IndexedDB from an extension page (the dashboard, in the extension's origin), as a
 * restored library would hold them. Texts are real policy sentences repeated to length.
 */
export interface FillOptions {
  articles: number;
  /** Characters of text per article. */
  chars: number;
  /** Annotations per article (each with a short note). */
  annotationsPerArticle?: number;
}

export async function fillLibrary(page: Page, opts: FillOptions): Promise<{ chars: number }> {
  return page.evaluate(async ({ articles, chars, annotationsPerArticle = 1 }) => {
    const open = () => new Promise<IDBDatabase>((ok, fail) => {
      const r = indexedDB.open('policylens');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const db = await open();
    if (!db.objectStoreNames.contains('articles')) throw new Error('the library is not created yet');
    const sentence = '到2027年，全市新培育国家级专精特新“小巨人”企业30家以上，规模以上工业企业研发投入强度达到2.5%左右。';
    const base = sentence.repeat(Math.ceil(chars / sentence.length) + 1);
    let total = 0;
    const BATCH = 100;
    for (let from = 0; from < articles; from += BATCH) {
      await new Promise<void>((ok, fail) => {
        // The library list's summaries (schema v7) are written beside the articles, as the extension's own writes keep them.
        const listed = db.objectStoreNames.contains('summaries');
        const tx = db.transaction(listed ? ['articles', 'annotations', 'summaries'] : ['articles', 'annotations'], 'readwrite');
        const a = tx.objectStore('articles');
        const n = tx.objectStore('annotations');
        const s = listed ? tx.objectStore('summaries') : null;
        for (let i = from; i < Math.min(articles, from + BATCH); i++) {
          // Each text differs, as each article does.
          const text = `第${i}篇。` + base.slice(i % sentence.length, i % sentence.length + chars - 8);
          total += text.length;
          const id = `a${String(i).padStart(7, '0')}`;
          const url = `https://www.example.gov.cn/zwgk/${i}.html`;
          const counts = { target: 0, deadline: 0, program: 0, support: 0, highlight: annotationsPerArticle };
          a.put({
            id, url, canonicalUrl: url, contentHash: `fnv1a64:${i.toString(16)}:${text.length}`, title: `测试文章 ${i}`, text,
            verdict: { isPolicy: true, score: 0.9, reasons: [] }, savedAt: 1_700_000_000_000 + i, updatedAt: 1_700_000_000_000 + i,
            region: null, urls: [url], counts,
          });
          s?.put({ id, url, title: `测试文章 ${i}`, savedAt: 1_700_000_000_000 + i, region: null, counts });
          for (let k = 0; k < annotationsPerArticle; k++) {
            const exact = text.slice(10 + k, 20 + k);
            n.put({
              id: `n${String(i).padStart(7, '0')}-${k}`, articleId: id, type: 'highlight', origin: 'manual', text: exact, note: `笔记 ${i}-${k}`, tags: ['测试'],
              selectors: { quote: { exact, prefix: text.slice(0, 10 + k), suffix: text.slice(20 + k, 52 + k) }, position: { start: 10 + k, end: 20 + k } },
              createdAt: 1_700_000_000_000, updatedAt: 1_700_000_000_000,
            });
          }
        }
        tx.oncomplete = () => ok();
        tx.onerror = () => fail(tx.error);
      });
    }
    db.close();
    return { chars: total };
  }, opts);
}

/** Empty every table of the library (the reader lost their browser profile). */
export async function emptyLibrary(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const r = indexedDB.open('policylens');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    await new Promise<void>((ok, fail) => {
      const names = [...db.objectStoreNames];
      const tx = db.transaction(names, 'readwrite');
      for (const name of names) tx.objectStore(name).clear();
      tx.oncomplete = () => ok();
      tx.onerror = () => fail(tx.error);
    });
    db.close();
  });
}

/** How many articles and annotations the library holds. */
export async function libraryCounts(page: Page): Promise<{ articles: number; annotations: number }> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const r = indexedDB.open('policylens');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const count = (store: string) => new Promise<number>((ok, fail) => {
      const r = db.transaction(store).objectStore(store).count();
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const out = { articles: await count('articles'), annotations: await count('annotations') };
    db.close();
    return out;
  });
}
