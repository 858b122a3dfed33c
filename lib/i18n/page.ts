/**
 * The strings of the in-page UI (card, selection toolbar, legend, notices) and of values in words
 * (lib/format/value.ts, lib/deadline-status.ts), in the three languages, with the choice of
 * language. Part of the one strings table (./index.ts takes these first and adds the rest): apart
 * because the content script runs on every page the reader opens and carries only these, not the
 * popup's, dashboard's, options' and import problems' words.
 */

export type Locale = 'zh-CN' | 'zh-TW' | 'en';

/**
 * The browser's language as one of ours: Traditional Chinese for zh-TW, zh-HK, zh-MO and any
 * zh-Hant; English for any English; Simplified Chinese otherwise (the readers of Chinese policy
 * news who run a browser in another language read Simplified best).
 */
export function pickLocale(languages: readonly string[] = []): Locale {
  const first = languages[0]?.toLowerCase() ?? '';
  if (first.startsWith('en')) return 'en';
  if (/^zh-(?:hant\b|tw\b|hk\b|mo\b)/.test(first)) return 'zh-TW';
  return 'zh-CN';
}

/** The reader's choice in the options page: a locale, or 'auto' to follow the browser. */
export type LanguageChoice = 'auto' | Locale;

export function isLanguageChoice(v: unknown): v is LanguageChoice {
  return v === 'auto' || v === 'zh-CN' || v === 'zh-TW' || v === 'en';
}

/** The locale to show: the reader's choice, else the browser's language. */
export function resolveLocale(choice: unknown, languages: readonly string[] = []): Locale {
  return isLanguageChoice(choice) && choice !== 'auto' ? choice : pickLocale(languages);
}

const zhCN = {
  'kind.target': '目标',
  'kind.deadline': '期限',
  'kind.program': '项目',
  'kind.support': '支持',
  'kind.highlight': '标注',
  'dismiss.target': '不是目标',
  'dismiss.deadline': '不是期限',
  'dismiss.program': '不是项目',
  'dismiss.support': '不是支持',
  'support.kind.subsidy': '补贴',
  'support.kind.reward': '奖励',
  'support.kind.loan': '贷款',
  'support.kind.guarantee': '担保',
  'support.kind.interest': '贴息',
  'support.kind.tax': '税收优惠',
  'support.kind.fee': '费用减免',
  'support.kind.service': '免费服务',
  'support.kind.other': '支持',
  'support.rateOf': '{basis}的 {rate}',
  'support.cap': '最高 {cap}',
  'support.for': '适用：{text}',
  'deadline.window': '申报 {from} 至 {to}',
  'deadline.windowUntil': '申报截止 {date}',
  'deadline.windowFrom': '申报 {date} 起',
  'deadline.windowYearly': '每年 {months} 月申报',
  'window.label': '申报窗口',
  'window.open': '申报中',
  'window.upcoming': '未开始',
  'window.closed': '已截止',
  'deadline.by': '截止 {date}',
  'deadline.within': '期限 {text}',
  'deadline.period': '{from} 至 {to}',
  'deadline.until': '至 {date}',
  'deadline.daysLeft': '还有 {n} 天',
  'deadline.dueToday': '今天到期',
  'deadline.overdue': '已过期 {n} 天',
  'deadline.startsIn': '{n} 天后开始',
  'deadline.ended': '已结束',
  'deadline.unresolved': '日期未定',
  'recurring.day': '每天',
  'recurring.week': '每周',
  'recurring.month': '每月',
  'recurring.quarter': '每季度',
  'recurring.half-year': '每半年',
  'recurring.year': '每年',
  'recurring.label': '周期',
  'program.alias': '{name}（全称：{full}）',
  'highlight.label': '我的标注',
  'card.save': '保存',
  'card.saved': '已保存',
  'card.addNote': '添加笔记',
  'card.editNote': '编辑笔记',
  'card.saveNote': '保存笔记',
  'card.cancel': '取消',
  'card.delete': '删除',
  'card.close': '关闭',
  'card.notePlaceholder': '写下你的笔记…',
  'card.tags': '标签',
  'save.failed': '有 {count} 项标注或笔记未能保存（{message}）。它们仍显示在本页，政策透镜会自动重试。',
  'toolbar.highlight': '标注',
  'toolbar.withNote': '加笔记…',
  'toolbar.note': '笔记（可选）',
  'toolbar.tags': '标签（用逗号分隔）',
  'toolbar.label': '政策透镜：标注所选文字',
  'legend.title': '政策透镜',
  'legend.hide': '隐藏图例',
  'legend.show': '显示图例',
  'legend.label': '高亮颜色图例',
  'notice.articleSaved': '本文已保存到资料库，你的标注随之保存。',
  'notice.close': '知道了',
  'nav.none': '本页没有高亮。',
  'card.position': '第 {i} 处，共 {n} 处',
} as const;

export type PageKey = keyof typeof zhCN;

const en: Record<PageKey, string> = {
  'kind.target': 'Target',
  'kind.deadline': 'Deadline',
  'kind.program': 'Program',
  'kind.support': 'Support',
  'kind.highlight': 'Highlight',
  'dismiss.target': 'Not a target',
  'dismiss.deadline': 'Not a deadline',
  'dismiss.program': 'Not a program',
  'dismiss.support': 'Not support',
  'support.kind.subsidy': 'subsidy',
  'support.kind.reward': 'reward',
  'support.kind.loan': 'loan',
  'support.kind.guarantee': 'guarantee',
  'support.kind.interest': 'interest subsidy',
  'support.kind.tax': 'tax relief',
  'support.kind.fee': 'fee relief',
  'support.kind.service': 'free service',
  'support.kind.other': 'support',
  'support.rateOf': '{rate} of {basis}',
  'support.cap': 'up to {cap}',
  'support.for': 'for: {text}',
  'deadline.window': 'apply {from} to {to}',
  'deadline.windowUntil': 'apply by {date}',
  'deadline.windowFrom': 'apply from {date}',
  'deadline.windowYearly': 'apply every year, month {months}',
  'window.label': 'Application window',
  'window.open': 'open',
  'window.upcoming': 'not open yet',
  'window.closed': 'closed',
  'deadline.by': 'by {date}',
  'deadline.within': 'within {text}',
  'deadline.period': '{from} to {to}',
  'deadline.until': 'until {date}',
  'deadline.daysLeft': '{n} days left',
  'deadline.dueToday': 'due today',
  'deadline.overdue': '{n} days overdue',
  'deadline.startsIn': 'starts in {n} days',
  'deadline.ended': 'ended',
  'deadline.unresolved': 'date unresolved',
  'recurring.day': 'daily',
  'recurring.week': 'weekly',
  'recurring.month': 'monthly',
  'recurring.quarter': 'quarterly',
  'recurring.half-year': 'every half year',
  'recurring.year': 'yearly',
  'recurring.label': 'Recurring',
  'program.alias': '{name} (full title: {full})',
  'highlight.label': 'My highlight',
  'card.save': 'Save',
  'card.saved': 'Saved',
  'card.addNote': 'Add note',
  'card.editNote': 'Edit note',
  'card.saveNote': 'Save note',
  'card.cancel': 'Cancel',
  'card.delete': 'Delete',
  'card.close': 'Close',
  'card.notePlaceholder': 'Write your note…',
  'card.tags': 'Tags',
  'save.failed': '{count} highlight(s) or note(s) could not be saved ({message}). They stay on this page and PolicyLens keeps trying.',
  'toolbar.highlight': 'Highlight',
  'toolbar.withNote': 'With a note…',
  'toolbar.note': 'Note (optional)',
  'toolbar.tags': 'Tags (comma-separated)',
  'toolbar.label': 'PolicyLens: highlight the selection',
  'legend.title': 'PolicyLens',
  'legend.hide': 'Hide legend',
  'legend.show': 'Show legend',
  'legend.label': 'Highlight colours',
  'notice.articleSaved': 'This article is now in your library, so your highlight is kept with it.',
  'notice.close': 'OK',
  'nav.none': 'Nothing is highlighted on this page.',
  'card.position': '{i} of {n}',
};

/** Taiwan's words, as in ./index.ts (計畫, 補助, 逾期, 受理申請). */
const zhTW: Record<PageKey, string> = {
  'kind.target': '目標',
  'kind.deadline': '期限',
  'kind.program': '計畫',
  'kind.support': '支持措施',
  'kind.highlight': '標註',
  'dismiss.target': '不是目標',
  'dismiss.deadline': '不是期限',
  'dismiss.program': '不是計畫',
  'dismiss.support': '不是支持措施',
  'support.kind.subsidy': '補助',
  'support.kind.reward': '獎勵',
  'support.kind.loan': '貸款',
  'support.kind.guarantee': '信用保證',
  'support.kind.interest': '利息補貼',
  'support.kind.tax': '租稅優惠',
  'support.kind.fee': '費用減免',
  'support.kind.service': '免費服務',
  'support.kind.other': '支持措施',
  'support.rateOf': '{basis}的 {rate}',
  'support.cap': '最高 {cap}',
  'support.for': '適用：{text}',
  'deadline.window': '申請期間 {from} 至 {to}',
  'deadline.windowUntil': '申請截止 {date}',
  'deadline.windowFrom': '{date} 起受理申請',
  'deadline.windowYearly': '每年 {months} 月受理申請',
  'window.label': '申請期間',
  'window.open': '受理中',
  'window.upcoming': '尚未開始',
  'window.closed': '已截止',
  'deadline.by': '截止 {date}',
  'deadline.within': '期限 {text}',
  'deadline.period': '{from} 至 {to}',
  'deadline.until': '至 {date}',
  'deadline.daysLeft': '還有 {n} 天',
  'deadline.dueToday': '今天到期',
  'deadline.overdue': '已逾期 {n} 天',
  'deadline.startsIn': '{n} 天後開始',
  'deadline.ended': '已結束',
  'deadline.unresolved': '日期未定',
  'recurring.day': '每天',
  'recurring.week': '每週',
  'recurring.month': '每月',
  'recurring.quarter': '每季',
  'recurring.half-year': '每半年',
  'recurring.year': '每年',
  'recurring.label': '週期',
  'program.alias': '{name}（全稱：{full}）',
  'highlight.label': '我的標註',
  'card.save': '儲存',
  'card.saved': '已儲存',
  'card.addNote': '新增筆記',
  'card.editNote': '編輯筆記',
  'card.saveNote': '儲存筆記',
  'card.cancel': '取消',
  'card.delete': '刪除',
  'card.close': '關閉',
  'card.notePlaceholder': '寫下你的筆記…',
  'card.tags': '標籤',
  'save.failed': '有 {count} 筆標註或筆記無法儲存（{message}）。它們仍會顯示在這個網頁上，政策透鏡會自動重試。',
  'toolbar.highlight': '標註',
  'toolbar.withNote': '加上筆記…',
  'toolbar.note': '筆記（選填）',
  'toolbar.tags': '標籤（以逗號分隔）',
  'toolbar.label': '政策透鏡：標註選取的文字',
  'legend.title': '政策透鏡',
  'legend.hide': '隱藏圖例',
  'legend.show': '顯示圖例',
  'legend.label': '標示顏色圖例',
  'notice.articleSaved': '本文已存入資料庫，你的標註也一併儲存。',
  'notice.close': '知道了',
  'nav.none': '這個網頁沒有標示。',
  'card.position': '第 {i} 個，共 {n} 個',
};

export const PAGE_STRINGS = { zhCN, en, zhTW } as const;
const pageTables: Record<Locale, Record<PageKey, string>> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };

export type PageTranslate = (key: PageKey, params?: Record<string, string | number>) => string;

/** A string with its {name} parameters filled in. */
export function fill(s: string, params?: Record<string, string | number>): string {
  // A replacer function: parameters are often page text, and must never be read as patterns.
  return params ? s.replace(/\{(\w{1,20})\}/g, (m, k: string) => (k in params ? String(params[k]) : m)) : s;
}

export function makePageTranslate(locale: Locale): PageTranslate {
  const table = pageTables[locale];
  return (key, params) => fill(table[key] ?? zhCN[key], params);
}

/** Simplified Chinese, for callers that pass no translation. */
export const zhPageTranslate: PageTranslate = makePageTranslate('zh-CN');
