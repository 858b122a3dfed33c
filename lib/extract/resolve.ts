/**
 * The last stage: spans of different types meet, and lines that are not the article's own lose
 * their spans. Each decision is a named rule so `explain` can say why a span disappeared here.
 */
import type { RuleInfo } from '../rules/rule';

const resolve = (info: Omit<RuleInfo, 'stage'>): RuleInfo => ({ ...info, stage: 'resolve' });

export const PROGRAM_OUTRANKED = resolve({
  id: 'program.outranked',
  type: 'program',
  about: 'One Program per stretch of text: a 《》 title beats a heading, which beats a quoted name, which beats a bare name.',
  hits: ['印发《关于开展⟦“双百行动”⟧的通知》'],
  misses: ['开展“双百行动”'],
});

export const DEADLINE_IN_PROGRAM = resolve({
  id: 'deadline.inside-program',
  type: 'deadline',
  about: 'A year inside a name (“2023突破提升年”, 《…(2024—2026年)》) dates the name, not a duty.',
  hits: ['印发《⟦2024—2026年⟧数字经济行动计划》'],
  misses: ['到2023年底前完成'],
});

export const TARGET_IN_PROGRAM = resolve({
  id: 'target.inside-program',
  type: 'target',
  about: 'A number wholly inside a program name (“百县千企”, 《…10条措施》) counts nothing.',
  hits: ['各地要落实好,《⟦培育1000家⟧企业方案》'],
  misses: ['培育专精特新企业100家以上'],
});

export const SUPPORT_IN_PROGRAM = resolve({
  id: 'support.inside-program',
  type: 'support',
  about: 'A figure wholly inside a program name (《…给予50万元奖励的实施细则》) names the program, it gives nothing here.',
  hits: ['印发《关于⟦给予50万元奖励⟧的实施细则》'],
  misses: ['对首次认定的企业给予50万元奖励。'],
});

export const TARGET_CLAIMED_BY_SUPPORT = resolve({
  id: 'target.claimed-by-support',
  type: 'target',
  about: 'A figure both read as a goal and as support is support: a subsidy standard is support, as a target only optional (GUIDE: Support, Money).',
  hits: ['企业⟦夏季防暑降温费每人每月不低于150元⟧。'],
  misses: ['到2025年培育专精特新企业100家。'],
});

export const BOILERPLATE_LINE_RULE = resolve({
  id: 'page.boilerplate-line',
  type: 'page',
  about: 'Lines of copyright and disclaimer text (一周内与本网联系) carry none of the policy\'s spans.',
  hits: ['全省新增企业100家以上。\n版权声明:转载请于⟦一周内⟧与本网联系'],
  misses: ['全省新增企业100家以上。', '建立尽职免责机制,到2025年新增贷款100亿元以上。'],
});

export const FURNITURE_LINE_RULE = resolve({
  id: 'page.furniture-line',
  type: 'page',
  about: 'Navigation, ads and related-story lines belong to other stories (下一篇:…今年有望突破2500亿元).',
  hits: ['到2025年,全省培育企业100家。\n下一篇:某市产值⟦今年⟧有望突破2500亿元'],
  misses: ['到2025年,全省培育企业100家。'],
});

export const SPAM_FRAGMENT_RULE = resolve({
  id: 'page.spam-fragment',
  type: 'page',
  about: 'In a sentence with injected spam only the fragments carrying a spam mark lose their spans; the goal it was pasted into survives.',
  hits: ['到2025年全省培育企业100家,加微信领取⟦100元⟧以上红包。'],
  misses: ['到2025年全省培育企业100家。'],
});

export const RESOLVE_RULES: readonly RuleInfo[] = [
  PROGRAM_OUTRANKED, DEADLINE_IN_PROGRAM, TARGET_IN_PROGRAM, SUPPORT_IN_PROGRAM, TARGET_CLAIMED_BY_SUPPORT, BOILERPLATE_LINE_RULE, FURNITURE_LINE_RULE, SPAM_FRAGMENT_RULE,
];
