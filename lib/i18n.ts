/**
 * UI strings in one place, zh-CN first (the readers are Chinese-policy professionals), English
 * second. The manifest's own strings live in public/_locales (the browser reads those); these are
 * for our pages and in-page UI, where a plain function is testable in Node.
 */
const zhCN = {
  appName: '政策透镜',
  'verdict.policy': '政策文章',
  'verdict.notPolicy': '不是政策文章',
  'verdict.pending': '正在分析本页…',
  'verdict.off': '已在此网站停用',
  'verdict.unsupported': '此页面无法分析（浏览器内部页面或无法注入脚本）',
  'verdict.why': '判断依据',
  'action.annotateAnyway': '仍然标注',
  'action.save': '保存本文',
  'action.saved': '已保存',
  'action.update': '更新保存',
  'action.dashboard': '打开资料库',
  'action.disableSite': '在此网站停用',
  'action.enableSite': '在此网站启用',
  'action.delete': '删除',
  'action.export': '导出',
  'type.target': '目标',
  'type.deadline': '期限',
  'type.program': '项目',
  'type.highlight': '我的标注',
  'count.none': '无',
  'dashboard.title': '政策透镜资料库',
  'dashboard.empty': '还没有保存的文章。在政策文章页面打开政策透镜并点击“保存本文”。',
  'dashboard.articles': '已保存文章',
  'col.title': '标题',
  'col.site': '来源',
  'col.date': '日期',
  'col.region': '地区',
  'col.counts': '目标/期限/项目',
  'col.saved': '保存时间',
  'error.generic': '出错了：{message}',
  'error.noTab': '找不到当前标签页。',
  'annotations.title': '我的标注与笔记',
  'annotations.orphans': '未能在页面上重新找到（原文可能已修改）',
  'annotations.none': '还没有标注。选中文字即可添加。',
} as const;

export type MessageKey = keyof typeof zhCN;

const en: Record<MessageKey, string> = {
  appName: 'PolicyLens',
  'verdict.policy': 'Policy article',
  'verdict.notPolicy': 'Not a policy article',
  'verdict.pending': 'Reading this page…',
  'verdict.off': 'Turned off on this site',
  'verdict.unsupported': 'This page cannot be read (browser page or scripts not allowed)',
  'verdict.why': 'Why',
  'action.annotateAnyway': 'Annotate anyway',
  'action.save': 'Save article',
  'action.saved': 'Saved',
  'action.update': 'Update saved copy',
  'action.dashboard': 'Open library',
  'action.disableSite': 'Turn off on this site',
  'action.enableSite': 'Turn on on this site',
  'action.delete': 'Delete',
  'action.export': 'Export',
  'type.target': 'Targets',
  'type.deadline': 'Deadlines',
  'type.program': 'Programs',
  'type.highlight': 'My highlights',
  'count.none': 'none',
  'dashboard.title': 'PolicyLens library',
  'dashboard.empty': 'Nothing saved yet. Open PolicyLens on a policy article and press "Save article".',
  'dashboard.articles': 'Saved articles',
  'col.title': 'Title',
  'col.site': 'Source',
  'col.date': 'Date',
  'col.region': 'Region',
  'col.counts': 'Targets/deadlines/programs',
  'col.saved': 'Saved',
  'error.generic': 'Something went wrong: {message}',
  'error.noTab': 'Cannot find the current tab.',
  'annotations.title': 'My highlights and notes',
  'annotations.orphans': 'Not found on the page again (the text may have changed)',
  'annotations.none': 'No highlights yet. Select text to add one.',
};

export type Locale = 'zh-CN' | 'en';
const tables: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

/** zh-CN unless the browser clearly prefers English. */
export function pickLocale(languages: readonly string[] = []): Locale {
  const first = languages[0]?.toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function makeTranslate(locale: Locale): Translate {
  const table = tables[locale];
  return (key, params) => {
    const s = table[key] ?? zhCN[key];
    return params ? s.replace(/\{(\w{1,20})\}/g, (m, k: string) => (k in params ? String(params[k]) : m)) : s;
  };
}

export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
export function messageKeys(locale: Locale): string[] {
  return Object.keys(tables[locale]);
}
