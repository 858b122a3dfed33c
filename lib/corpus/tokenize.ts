import { foldText } from '../text/fold';

/**
 * The tokenizer seam. The corpus never imports jieba itself: in Node `cut` is usable at once
 * (lib/corpus/node.ts), in the extension the background must `await init()` the wasm first and
 * then hand `cut` over. Indexing, comparison and search all take a Tokenize, so the same words
 * are produced at save time and at query time.
 */
export type Tokenize = (text: string) => string[];

/** jieba-wasm's `cut` (and anything with the same shape, e.g. a fake in tests). */
export type Cut = (text: string, hmm?: boolean | null) => string[];

/**
 * Policy words jieba's default dictionary splits (专精特新 → 专精/特新). Register them with
 * `registerDomainWords(add_word)` wherever jieba is initialised (background and Node alike) so
 * the index and the queries agree.
 */
export const DOMAIN_WORDS: readonly string[] = [
  '专精特新', '小巨人', '单项冠军', '中试', '碳达峰', '碳中和', '低空经济', '新质生产力', '揭榜挂帅',
  '技改', '数字经济', '智能制造', '绿色工厂', '链主', '首台套', '专业镇', '规上工业', '中小企业',
];

export function registerDomainWords(addWord: (word: string, freq?: number | null, tag?: string | null) => unknown): void {
  for (const w of DOMAIN_WORDS) addWord(w, null, null);
}

/** Function words and fillers; ranking would discount them anyway, the index need not hold them. */
const STOPWORDS = new Set([
  '的', '了', '和', '与', '及', '以及', '等', '在', '是', '为', '对', '将', '把', '以', '于', '并', '或', '其',
  '之', '也', '而', '被', '从', '到', '向', '由', '按', '经', '这', '那', '有', '个', '我', '你', '他', '她',
  '它', '们', '我们', '你们', '他们', '各', '有关', '相关', '进行', '通过', '一是', '二是', '三是', '一些',
  '一个', '这些', '那些', '其中', '以上', '以下', '左右', '方面', '同时', '进一步', '不断', '关于', '按照',
  '根据', '坚持', '着力', '切实', '认真', '积极', '主要', '重点', '全面', '持续', '深入', '不', '要', '可',
  'the', 'and', 'of', 'to', 'in', 'for', 'a', 'an',
]);

/** Single characters worth keeping: commodities and taxes people actually search for. */
const KEEP_SINGLE = new Set(['税', '煤', '电', '油', '气', '粮', '钢', '水', '房', '车', '地', '矿', '盐', '茶', '棉']);

/** Units a number is emitted with, so 20户 and 15% are terms of their own. */
const UNITS = new Set([
  '户', '家', '个', '项', '条', '座', '所', '台', '套', '名', '人', '人次', '万人', '亿人', '元', '万元', '亿元',
  '万亿元', '亿', '万', '吨', '万吨', '千瓦', '万千瓦', '公里', '千米', '亩', '万亩', '平方米', '年', '月', '日',
  '天', '次', '倍', '处', '只', '批', '期', '所', '张', '本', '件', '辆', '艘', '架', '百分点',
]);

const NUMBER = /^\d+(?:\.\d+)?(?:[-~—–]\d+(?:\.\d+)?)?%?$/;
const PUNCT = /^[\p{P}\p{S}\p{Z}\s]+$/u;
const CJK_SINGLE = /^[\u3400-\u9fff\uf900-\ufaff]$/;

function emitNumber(token: string, next: string | undefined, after: string | undefined, out: string[]): void {
  out.push(token);
  const parts = token.replace(/%$/, '').split(/[-~—–]/);
  const percent = token.endsWith('%');
  for (const p of parts) {
    if (!p) continue;
    if (parts.length > 1 || percent) out.push(p);
    if (parts.length > 1 && percent) out.push(`${p}%`);
  }
  let unit: string | undefined;
  if (!percent && next !== undefined) {
    if (next === '个' && after === '百分点') unit = '个百分点';
    else if (UNITS.has(next)) unit = next;
  }
  if (unit) {
    out.push(token + unit);
    if (parts.length > 1) for (const p of parts) if (p) out.push(p + unit);
  }
}

/**
 * Wrap a jieba `cut` into the corpus tokenizer: traditional folded to simplified, NFKC, pinyin
 * glosses dropped, lower case; punctuation, stopwords and lone CJK characters dropped; numbers
 * kept both bare and with their unit (20户 → 20户, 20; 1—2户 → 1—2, 1, 2, 1—2户, 1户, 2户).
 */
export function makeTokenizer(cut: Cut): Tokenize {
  return (text: string): string[] => {
    // Thousands separators would split 1,000 into two numbers.
    const folded = foldText(text).toLowerCase().replace(/(\d),(?=\d{3}(?!\d))/g, '$1');
    const raw = cut(folded, true);
    const out: string[] = [];
    for (let i = 0; i < raw.length; i++) {
      const token = (raw[i] as string).trim();
      if (!token) continue;
      if (NUMBER.test(token)) {
        emitNumber(token, raw[i + 1]?.trim(), raw[i + 2]?.trim(), out);
        continue;
      }
      if (PUNCT.test(token) || STOPWORDS.has(token)) continue;
      if (token.length === 1) {
        if (CJK_SINGLE.test(token) ? KEEP_SINGLE.has(token) : false) out.push(token);
        continue;
      }
      out.push(token);
    }
    return out;
  };
}

/** Term → count, and the token count (BM25's document length). */
export function termFrequencies(tokens: readonly string[]): { terms: string[]; counts: number[]; length: number } {
  const tf = new Map<string, number>();
  for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
  return { terms: [...tf.keys()], counts: [...tf.values()], length: tokens.length };
}
