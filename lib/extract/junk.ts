/**
 * Page furniture that is not the article: ads, navigation, "related reading" headline lists,
 * app and QR-code prompts, and injected spam sentences. Their figures and dates belong to other
 * stories (下一篇:…产值今年有望突破2500亿元), so they carry no spans, and their vocabulary
 * (报名立减800元, 同比增长5.2%) must not outvote the article in the verdict.
 * Runs on normalised (simplified) text; every pattern is anchored or bounded. The words are
 * data (lib/lexicon/page.json).
 */
import { alt, rx } from '../lexicon';

// A header that opens a list of other stories; with nothing after it, the lines below are the list.
const RELATED_HEADER = rx()`^\s*[【\[]?\s*(?:${alt('page.related-headers')})\s*[】\]]?\s*[:：]?`;
// Navigation and page-chrome lines.
const NAV_LINE = rx()`^\s*(?:${alt('page.nav-lines')}|首页\s*[>›»]|编辑[:：])`;
// Advertisement lines announce themselves at their start.
const AD_LINE = rx()`^\s*(?:[【\[]\s*(?:${alt('page.ad-tags')}|优惠(?!政策))|[▲△▼■●◆]?\s*广告(?:[:：\s]|$)|推广[:：])`;
// Prompts to follow, scan or download, on a short line of their own.
const PROMPT = rx()`${alt('page.prompts')}|下载[^。\n]{0,12}(?:APP|App|app|客户端)|关注[^。\n]{0,16}公众号`;
// A listed headline ends on its own date: …增长5.2%(2024-01-25), …开幕(09-02), …(2024年6月2日).
const HEADLINE_DATE = /[(（](?:(?:19|20)\d{2}[-/.])?\d{1,2}[-/.]\d{1,2}[)）]\s*$|[(（](?:(?:19|20)\d{2}年)?\d{1,2}月\d{1,2}日[)）]\s*$/;
const LIST_BULLET = /^\s*(?:[·‧•●▪◆◇○■□>\-*]|\d{1,2}[.、)）]\s*)/;

function isJunkLine(line: string): boolean {
  if (line.length > 200) return false;
  if (RELATED_HEADER.test(line) || NAV_LINE.test(line) || AD_LINE.test(line)) return true;
  if (line.length <= 80 && PROMPT.test(line)) return true;
  return line.length <= 80 && !/。/.test(line) && HEADLINE_DATE.test(line);
}

/**
 * For each line of `text` (split on \n), whether it is page furniture. A related-reading header
 * with nothing after it marks the short, sentence-less lines under it as headlines too.
 */
export function junkLines(text: string): { readonly starts: readonly number[]; readonly junk: readonly boolean[] } {
  // The verdict and the engine ask about the same text one after the other.
  if (lastJunk?.text === text) return lastJunk.lines;
  const lines = findJunkLines(text);
  lastJunk = { text, lines };
  return lines;
}
let lastJunk: { text: string; lines: { starts: number[]; junk: boolean[] } } | null = null;

function findJunkLines(text: string): { starts: number[]; junk: boolean[] } {
  const starts: number[] = [];
  const junk: boolean[] = [];
  let inList = 0;
  let at = 0;
  for (;;) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const line = text.slice(at, end);
    let isJunk = isJunkLine(line);
    if (inList > 0 && !isJunk) {
      const t = line.trim();
      // The list runs on over headline-like lines: bulleted or short, never a full sentence.
      if (t === '' || (t.length <= 60 && !/。/.test(t) && (LIST_BULLET.test(t) || t.length <= 40))) isJunk = t !== '';
      else inList = 0;
    }
    if (inList > 0) inList--;
    const header = line.match(RELATED_HEADER);
    if (header && line.slice(header[0].length).trim() === '') inList = 15;
    starts.push(at);
    junk.push(isJunk);
    if (end >= text.length) break;
    at = end + 1;
  }
  return { starts, junk };
}

// Injected spam (加微信领取100元以上红包) is recognised per sentence: one unmistakable mark of it
// plus at least one more (扫码, 领取 alone also occur in real subsidy notices).
const SPAM_STRONG = rx('g')`${alt('page.spam-strong')}`;
const SPAM_WEAK = rx('g')`${alt('page.spam-weak')}`;
function countUpTo(re: RegExp, s: string, cap: number): number {
  re.lastIndex = 0;
  let n = 0;
  while (n < cap && re.exec(s)) n++;
  return n;
}
export function isSpamSentence(sentence: string): boolean {
  if (sentence.length > 400) return false;
  const strong = countUpTo(SPAM_STRONG, sentence, 2);
  return strong > 0 && strong + countUpTo(SPAM_WEAK, sentence, 1) >= 2;
}
// Any mark of spam, strong or weak, in one fragment of a spam sentence.
const SPAM_ANY = rx()`${alt('page.spam-strong', 'page.spam-weak')}`;
const isFragmentBreak = (c: string) => /[,，()（）【】\[\]]/.test(c) || isSentenceBreak(c);

/**
 * Inside a spam sentence, is the fragment (between commas and brackets) around [start, end) spam?
 * Spam is often pasted into a real sentence (…新增企业500家(加微信…领取…)。): the policy's own
 * fragments keep their spans, the pasted ones lose theirs.
 */
export function inSpamFragment(text: string, start: number, end: number): boolean {
  let s = start;
  while (s > 0 && start - s < 200 && !isFragmentBreak(text[s - 1]!)) s--;
  let e = end;
  while (e < text.length && e - end < 200 && !isFragmentBreak(text[e]!)) e++;
  return SPAM_ANY.test(text.slice(s, e));
}

export const isSentenceBreak = (c: string) => c === '\n' || c === '。' || c === '!' || c === '?' || c === '！' || c === '？';
/** The same characters, for a native scan over a whole text (global: reset lastIndex first). */
export const SENTENCE_BREAKS = /[\n。!?！？]/g;

/**
 * The text without furniture lines and spam sentences (line breaks kept): what the verdict
 * should weigh, so a page with more ads than plan is still judged by its plan.
 */
export function articleBody(text: string): string {
  const { starts, junk } = junkLines(text);
  // A spam sentence needs a strong mark of spam: a text without one keeps every sentence.
  SPAM_STRONG.lastIndex = 0;
  const spamFree = !SPAM_STRONG.test(text);
  SPAM_STRONG.lastIndex = 0;
  // Nothing to drop (most texts): the text itself, not a copy sliced into lines and put back
  // together. Otherwise the pieces are joined once.
  if (spamFree && !junk.includes(true)) return text;
  const out: string[] = [];
  for (let k = 0; k < starts.length; k++) {
    const end = k + 1 < starts.length ? starts[k + 1]! : text.length;
    const line = text.slice(starts[k], end);
    if (junk[k]) {
      if (line.endsWith('\n')) out.push('\n');
      continue;
    }
    if (spamFree) {
      out.push(line);
      continue;
    }
    let s = 0;
    for (let i = 0; i <= line.length; i++) {
      if (i === line.length || isSentenceBreak(line[i]!)) {
        const sentence = line.slice(s, i + 1);
        if (!isSpamSentence(sentence)) out.push(sentence);
        else if (sentence.endsWith('\n')) out.push('\n');
        s = i + 1;
      }
    }
  }
  return out.join('');
}
