/** The toolbar badge: targets + deadlines on a policy page, nothing elsewhere; "999+" caps it. */
export function badgeText(report: { isPolicy: boolean; targets: number; deadlines: number }): string {
  if (!report.isPolicy) return '';
  const n = report.targets + report.deadlines;
  if (n === 0) return '';
  return n > 999 ? '999+' : String(n);
}
