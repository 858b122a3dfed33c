import { describe, expect, it } from 'vitest';
import type { AnnotationRecord, ArticleRecord } from '../../../lib/db/schema';
import {
  annotationFromDoc, annotationToDoc, articleDocId, articleFromDoc, articleToDoc, autoDocId, bodyHash, canonicalJson, checkDoc,
  type AnnotationDoc,
} from '../../../lib/sync/docs';
import { mergeDocs } from '../../../lib/sync/merge';
import { addChild, liveLeaves, mergePath, pathOf } from '../../../lib/sync/revs';

const article: ArticleRecord = {
  id: 'a1', url: 'https://x.gov.cn/1.html?from=wx', canonicalUrl: 'https://x.gov.cn/1.html', urls: ['https://x.gov.cn/1.html'], contentHash: 'h',
  title: '措施', text: '对首次认定的企业给予一次性奖励50万元。', verdict: { isPolicy: true, score: 0.9, reasons: ['+policy.doc-issued'] },
  savedAt: 100, updatedAt: 200, region: '山西', agencies: ['山西省工业和信息化厅'], counts: { target: 0, deadline: 0, program: 0, support: 1, highlight: 1 }, needsIndex: 1,
};
const sel = (exact: string, start: number) => ({ quote: { exact, prefix: '对首次', suffix: '。' }, position: { start, end: start + exact.length } });
const support: AnnotationRecord = {
  id: 'n1', articleId: 'a1', type: 'support', origin: 'auto', text: '给予一次性奖励50万元', value: { kind: 'reward', amount: { min: 50, max: 50, unit: '万元' } },
  tags: ['奖励'], note: '值得申报', selectors: sel('给予一次性奖励50万元', 8), createdAt: 5, updatedAt: 9,
};
const mine: AnnotationRecord = { id: 'n2', articleId: 'a1', type: 'highlight', origin: 'manual', text: '首次认定', tags: [], selectors: sel('首次认定', 1), createdAt: 7, updatedAt: 7 };
const who = { me: 'alice' };
const docId = articleDocId(article.canonicalUrl);

describe('documents on the server', () => {
  it('carry what a member wrote and nothing a library computes for itself', () => {
    const doc = articleToDoc(article, who);
    expect(doc).not.toHaveProperty('counts');
    expect(doc).not.toHaveProperty('needsIndex');
    expect(doc).not.toHaveProperty('updatedAt');
    expect(doc.savedBy).toBe('alice');
    // Saving again (a new updatedAt, new counts) is the same document.
    expect(bodyHash(articleToDoc({ ...article, updatedAt: 999, counts: undefined }, who))).toBe(bodyHash(doc));
    const auto = annotationToDoc(support, docId, who);
    expect(auto).not.toHaveProperty('createdAt');
    expect(auto).not.toHaveProperty('author');
    expect(auto.noteBy).toBe('alice');
    expect(annotationToDoc(mine, docId, who)).toMatchObject({ author: 'alice', createdAt: 7 });
  });

  it('read back as the same document in another library (so a member never makes a revision of what arrived)', () => {
    for (const [id, doc] of [
      [docId, articleToDoc(article, who)],
      [autoDocId(docId, support), annotationToDoc(support, docId, who)],
      ['note:n2', annotationToDoc(mine, docId, who)],
    ] as const) {
      const checked = checkDoc(id, { ...doc, _id: id, _rev: '1-x' }, { me: 'bob' });
      expect(checked.ok).toBe(true);
      if (!checked.ok) continue;
      expect(canonicalJson(checked.doc)).toBe(canonicalJson(doc));
      // Bob's library stores Alice's rows with her name, and gives back the same document.
      if (checked.doc.type === 'article') expect(canonicalJson(articleToDoc(articleFromDoc(checked.doc, 'b1', { me: 'bob' }, 1), { me: 'bob' }))).toBe(canonicalJson(doc));
      if (checked.doc.type === 'annotation') {
        const row = annotationFromDoc(checked.doc, 'x', 'b1', { me: 'bob' }, 1);
        expect(canonicalJson(annotationToDoc(row, docId, { me: 'bob' }))).toBe(canonicalJson(doc));
      }
    }
  });

  it('refuse what a library must not store', () => {
    const good = annotationToDoc(mine, docId, who);
    const bad: [string, Record<string, unknown>][] = [
      ['note:n2', { ...good, article: 'javascript:alert(1)' }],
      ['note:n2', { ...good, text: 'x'.repeat(6000) }],
      ['note:n2', { ...good, kind: 'script' }],
      ['note:n2', { ...good, author: undefined }],
      ['auto:abc', good],
      ['member:m1', { type: 'member', name: '   ' }],
      [docId, { ...articleToDoc(article, who), url: 'javascript:alert(1)' }],
      ['design/x', { type: 'article' }],
    ];
    for (const [id, doc] of bad) expect(checkDoc(id, doc, who).ok, `${id} ${JSON.stringify(doc).slice(0, 80)}`).toBe(false);
    // Fields the data model does not know are dropped, not stored.
    const extra = checkDoc('note:n2', { ...good, onclick: 'x', _attachments: {} }, who);
    expect(extra.ok && 'onclick' in extra.doc).toBe(false);
  });
});

describe('conflicts', () => {
  const base = annotationToDoc(mine, docId, who);
  const byAlice: AnnotationDoc = { ...base, note: '爱丽丝的笔记', noteBy: 'alice', tags: ['a'] };
  const byBob: AnnotationDoc = { ...base, note: '鲍勃的笔记', noteBy: 'bob', tags: ['b'] };

  it('keep both notes, the loser beside the winner with its writer, and both tag sets', () => {
    const merged = mergeDocs(byAlice, byBob) as AnnotationDoc;
    expect(merged.note).toBe('爱丽丝的笔记');
    expect(merged.noteVersions).toEqual([{ note: '鲍勃的笔记', by: 'bob' }]);
    expect(merged.tags).toEqual(['a', 'b']);
    // Merging again changes nothing: the same versions are not repeated.
    expect(mergeDocs(merged, byBob)).toEqual(merged);
  });

  it('resolve to the same revision in every library', () => {
    // Both libraries hold the same two leaves, whichever arrived first.
    const root = addChild([], null, base);
    const left = addChild(root.tree, root.rev, byAlice);
    const right = addChild(root.tree, root.rev, byBob);
    const inA = mergePath(left.tree, pathOf(right.rev, { start: 2, ids: [right.rev.split('-')[1]!, root.rev.split('-')[1]!] }, false));
    const inB = mergePath(right.tree, pathOf(left.rev, { start: 2, ids: [left.rev.split('-')[1]!, root.rev.split('-')[1]!] }, false));
    expect(liveLeaves(inA)).toEqual(liveLeaves(inB));
    const body = (leaves: string[]) => leaves.map((r) => (r === left.rev ? byAlice : byBob));
    const [wa, ...ra] = body(liveLeaves(inA));
    const [wb, ...rb] = body(liveLeaves(inB));
    const resolvedA = addChild(inA, liveLeaves(inA)[0]!, ra.reduce(mergeDocs, wa!));
    const resolvedB = addChild(inB, liveLeaves(inB)[0]!, rb.reduce(mergeDocs, wb!));
    expect(resolvedA.rev).toBe(resolvedB.rev);
  });

  it('make one article of the same page saved twice: earliest saver, every URL', () => {
    const a = articleToDoc({ ...article, savedAt: 300 }, { me: 'alice' });
    const b = articleToDoc({ ...article, savedAt: 100, urls: ['https://x.gov.cn/1.html', 'https://mirror.cn/1.html'] }, { me: 'bob' });
    const merged = mergeDocs(a, b);
    expect(merged).toMatchObject({ savedAt: 100, savedBy: 'bob', urls: ['https://x.gov.cn/1.html', 'https://mirror.cn/1.html'] });
  });
});
