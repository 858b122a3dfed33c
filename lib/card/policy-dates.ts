import { alt, registerBook, rx } from '../lexicon/registry';
import card from '../lexicon/card.json';
import { addDays, isIsoDate } from '../format/date';

/**
 * A policy's own dates for its card: when it was written (成文), published (发布), takes effect
 * (施行) and stops (有效期至). Each is read by a named rule with its examples beside it
 * (tests/lib/card/policy-dates.test.ts runs them). Pure and small: the popup reads a page's text
 * with it, the dashboard and the exports a saved article's. Dates are calendar days (ISO); a date
 * the text derives from another (自发布之日起施行, 有效期5年) is resolved from that one, and left
 * out when that one is unknown.
 */

registerBook('card', card);

export type PolicyDateKind = 'written' | 'published' | 'effective' | 'expires';
export const POLICY_DATE_KINDS: readonly PolicyDateKind[] = ['written', 'published', 'effective', 'expires'];

export interface PolicyDate {
  kind: PolicyDateKind;
  /** YYYY-MM-DD. */
  date: string;
  /** The rule that read it (card.effective-from-date …), or 'article' for the article's own publication date. */
  rule: string;
  /** The words it was read from, as written (at most one line, shortened). */
  evidence: string;
}

interface Example {
  text: string;
  /** The article's publication date, when the example needs one. */
  published?: string;
  expect?: Partial<Record<PolicyDateKind, string>>;
}

export interface PolicyDateRule {
  id: string;
  about: string;
  hits: readonly Example[];
  misses: readonly Example[];
}

// A full date, bounded everywhere: 2024年5月1日, 2024-05-01, 2024.5.1.
const DATE = String.raw`((?:19|20)\d{2})\s{0,2}[年\-/.]\s{0,2}(\d{1,2})\s{0,2}[月\-/.]\s{0,2}(\d{1,2})\s{0,2}日?`;
const SEP = String.raw`\s{0,3}[:：为是]?\s{0,3}`;

function iso(y: string, m: string, d: string): string | null {
  const s = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return isIsoDate(s) ? s : null;
}

const SMALL_NUMBERS: Readonly<Record<string, number>> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
const count = (s: string): number | null => (/^\d{1,2}$/.test(s) ? Number(s) : SMALL_NUMBERS[s] ?? null);

/** The last day of a term of `n` years or months that starts on `from` (有效期5年 from 2024-05-01 → 2029-04-30). */
export function termEnd(from: string, n: number, unit: 'year' | 'month'): string {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const months = unit === 'year' ? n * 12 : n;
  const total = m - 1 + months;
  const ey = y + Math.floor(total / 12);
  const em = (total % 12) + 1;
  // The same day n years on, less one; a day the month lacks (2月30日) is the month's last day.
  const lastOfMonth = new Date(Date.UTC(ey, em, 0)).getUTCDate();
  const same = `${ey}-${String(em).padStart(2, '0')}-${String(Math.min(d, lastOfMonth)).padStart(2, '0')}`;
  return addDays(same, -1);
}

const clip = (s: string) => (s.length > 60 ? s.slice(0, 59) + '…' : s).replace(/\s+/g, ' ').trim();

// ---- Patterns, built once (linear: every repetition is bounded) ----

const LABELLED = (key: string) => rx('g')`(?<![\u4e00-\u9fff])(?:${alt(key)})${SEP}${DATE}`;
const WRITTEN_LABELLED = LABELLED('card.written-labels');
const PUBLISHED_LABELLED = LABELLED('card.published-labels');
const EFFECTIVE_LABELLED = LABELLED('card.effective-labels');
const EXPIRES_LABELLED = rx('g')`(?:${alt('card.expires-labels')})${SEP}${DATE}`;
const EFFECTIVE_FROM = rx('g')`自?\s{0,2}${DATE}\s{0,2}起\s{0,2}(?:正式)?(?:${alt('card.take-effect')})`;
const EFFECTIVE_ON_ISSUE = rx('g')`自\s{0,2}(${alt('card.issue-acts')})\s{0,2}之\s{0,2}日\s{0,2}起\s{0,2}(?:${alt('card.take-effect')})`;
const TERM = rx('g')`(?:${alt('card.validity')})${SEP}(?:暂定)?\s{0,2}(\d{1,2}|[一二两三四五六七八九十])\s{0,2}(?:个)?(年|月)`;
const RANGE = rx('g')`(?:${alt('card.validity')})${SEP}(?:自|从)?\s{0,2}${DATE}\s{0,3}(?:起)?\s{0,2}(?:至|到|—|-|－|～|~)\s{0,3}${DATE}`;
const AGENCY_LINE = rx()`(?:${alt('card.agency-endings')})\s{0,4}$`;
const DATE_LINE = new RegExp(String.raw`^\s{0,8}${DATE}\s{0,8}$`);

/** The named rules, in the order they are tried; the first that reads a kind gives it. */
export const POLICY_DATE_RULES: readonly PolicyDateRule[] = [
  {
    id: 'card.written-labelled',
    about: 'A labelled date of writing (成文日期：…), as government document pages print in their info table.',
    hits: [{ text: '索引号：000014349/2024-00012\n成文日期：2024年03月05日\n发布日期：2024年03月12日', expect: { written: '2024-03-05' } }],
    misses: [{ text: '2024年3月5日，市政府召开常务会议。' }],
  },
  {
    id: 'card.written-signature',
    about: 'A date alone on its line right under the signing body: the document\'s own date at its end.',
    hits: [{ text: '本办法由市工业和信息化局负责解释。\n\n太原市人民政府\n2024年3月5日\n', expect: { written: '2024-03-05' } }],
    misses: [{ text: '新闻发布会\n2024年3月5日\n记者从会上获悉。' }],
  },
  {
    id: 'card.published-labelled',
    about: 'A labelled publication date (发布日期：…).',
    hits: [{ text: '成文日期：2024年03月05日\n发布日期：2024-03-12', expect: { published: '2024-03-12' } }],
    misses: [{ text: '今年以来发布的各项政策' }],
  },
  {
    id: 'card.effective-labelled',
    about: 'A labelled date of taking effect (施行日期：…, 实施日期：…).',
    hits: [{ text: '实施日期：2024年5月1日', expect: { effective: '2024-05-01' } }],
    misses: [{ text: '实施方案印发后各地抓紧落实。' }],
  },
  {
    id: 'card.effective-from-date',
    about: 'A dated start of force: 本办法自2024年5月1日起施行.',
    hits: [
      { text: '本办法自2024年5月1日起施行，有效期至2026年12月31日。', expect: { effective: '2024-05-01', expires: '2026-12-31' } },
      { text: '本通知2025年1月1日起实施。', expect: { effective: '2025-01-01' } },
    ],
    misses: [{ text: '2024年5月1日起开展专项检查。' }],
  },
  {
    id: 'card.effective-on-issue',
    about: 'In force from publication or issue (自发布之日起施行): the publication date, or the date of writing for 印发.',
    hits: [
      { text: '本办法自发布之日起施行。', published: '2024-06-01', expect: { effective: '2024-06-01' } },
      { text: '市人民政府办公室\n2024年3月5日\n本通知自印发之日起实施。', expect: { effective: '2024-03-05' } },
    ],
    misses: [{ text: '本办法自发布之日起施行。' }],
  },
  {
    id: 'card.expires-labelled',
    about: 'The last day in force, stated: 有效期至2027年12月31日.',
    hits: [{ text: '本政策有效期至2027年12月31日。', expect: { expires: '2027-12-31' } }],
    misses: [{ text: '资格有效期3年，期满复核。' }],
  },
  {
    id: 'card.expires-range',
    about: 'A term stated as dates: 有效期为2024年1月1日至2026年12月31日 (it also dates the start when nothing else does).',
    hits: [{ text: '本办法有效期为2024年1月1日至2026年12月31日。', expect: { effective: '2024-01-01', expires: '2026-12-31' } }],
    misses: [{ text: '申报时间为2024年1月1日至2024年3月31日。' }],
  },
  {
    id: 'card.expires-term',
    about: 'A term in years or months from taking effect: 自2024年5月1日起施行，有效期5年 → 2029-04-30.',
    hits: [
      { text: '本办法自2024年5月1日起施行，有效期5年。', expect: { expires: '2029-04-30' } },
      { text: '本通知自发布之日起施行，有效期两年。', published: '2024-02-29', expect: { expires: '2026-02-27' } },
    ],
    misses: [{ text: '有效期5年。' }],
  },
];

/** A policy's own dates as its text states them, one per kind, in POLICY_DATE_KINDS order. */
export function readPolicyDates(rawText: string, publishedAt?: string | null): PolicyDate[] {
  const text = rawText.normalize('NFKC').replace(/\r\n?/g, '\n');
  const found = new Map<PolicyDateKind, PolicyDate>();
  const put = (kind: PolicyDateKind, date: string | null, rule: string, evidence: string) => {
    if (date && !found.has(kind)) found.set(kind, { kind, date, rule, evidence: clip(evidence) });
  };
  const first = (re: RegExp) => {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) return m;
    return null;
  };

  let m = first(WRITTEN_LABELLED);
  if (m) put('written', iso(m[1]!, m[2]!, m[3]!), 'card.written-labelled', m[0]);
  if (!found.has('written')) {
    // The signature: scanned from the end, where a document signs.
    const lines = text.split('\n');
    for (let i = lines.length - 1; i > 0; i--) {
      const d = DATE_LINE.exec(lines[i]!);
      if (!d) continue;
      let j = i - 1;
      while (j > 0 && !lines[j]!.trim()) j--;
      const signer = lines[j]!.trim();
      if (signer.length <= 40 && AGENCY_LINE.test(signer)) {
        put('written', iso(d[1]!, d[2]!, d[3]!), 'card.written-signature', `${signer} ${lines[i]!.trim()}`);
        break;
      }
    }
  }
  m = first(PUBLISHED_LABELLED);
  if (m) put('published', iso(m[1]!, m[2]!, m[3]!), 'card.published-labelled', m[0]);
  if (publishedAt && isIsoDate(publishedAt)) put('published', publishedAt, 'article', publishedAt);

  m = first(EFFECTIVE_LABELLED);
  if (m) put('effective', iso(m[1]!, m[2]!, m[3]!), 'card.effective-labelled', m[0]);
  m = first(EFFECTIVE_FROM);
  if (m) put('effective', iso(m[1]!, m[2]!, m[3]!), 'card.effective-from-date', m[0]);
  m = first(EFFECTIVE_ON_ISSUE);
  if (m) {
    const byWriter = m[1] === '印发' || m[1] === '签发' || m[1] === '发文';
    const from = byWriter ? found.get('written') ?? found.get('published') : found.get('published') ?? found.get('written');
    put('effective', from?.date ?? null, 'card.effective-on-issue', m[0]);
  }

  m = first(EXPIRES_LABELLED);
  if (m) put('expires', iso(m[1]!, m[2]!, m[3]!), 'card.expires-labelled', m[0]);
  m = first(RANGE);
  if (m) {
    put('effective', iso(m[1]!, m[2]!, m[3]!), 'card.expires-range', m[0]);
    put('expires', iso(m[4]!, m[5]!, m[6]!), 'card.expires-range', m[0]);
  }
  m = first(TERM);
  if (m) {
    const n = count(m[1]!);
    const from = found.get('effective');
    if (n && from) put('expires', termEnd(from.date, n, m[2] === '年' ? 'year' : 'month'), 'card.expires-term', m[0]);
  }
  return POLICY_DATE_KINDS.flatMap((k) => (found.has(k) ? [found.get(k)!] : []));
}

