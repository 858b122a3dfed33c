/**
 * Pure formatting of navigator.storage.estimate() results for the dashboard; the call itself
 * (and navigator.storage.persist()) belongs to the page that shows them.
 */

/** The part of StorageEstimate we read; both fields may be missing (Safari, some Firefox modes). */
export interface StorageEstimateLike {
  usage?: number;
  quota?: number;
}

/** Above this share of the quota the dashboard warns; above CRITICAL_RATIO it urges action. */
export const WARN_RATIO = 0.8;
export const CRITICAL_RATIO = 0.95;

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** 1536 → "1.5 KB" (binary multiples, as file managers on Windows show them). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < UNITS.length - 1) {
    v /= 1024;
    i++;
  }
  const shown = i === 0 ? String(Math.round(v)) : v >= 100 ? v.toFixed(0) : v.toFixed(1).replace(/\.0$/, '');
  return `${shown} ${UNITS[i]}`;
}

export interface StorageSummary {
  usage: number | null;
  quota: number | null;
  /** usage / quota in 0..1, null when either is unknown. */
  ratio: number | null;
  /** e.g. "已用 1.2 GB / 共 2 GB（60%）", or what is known. */
  text: string;
}

function known(n: number | undefined): number | null {
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : null;
}

export function describeStorage(est: StorageEstimateLike): StorageSummary {
  const usage = known(est.usage);
  const quota = known(est.quota);
  const ratio = usage !== null && quota !== null && quota > 0 ? Math.min(1, usage / quota) : null;
  let text: string;
  if (usage !== null && quota !== null) {
    const pct = ratio === null ? '' : `（${percent(ratio)}）`;
    text = `已用 ${formatBytes(usage)} / 共 ${formatBytes(quota)}${pct}`;
  } else if (usage !== null) text = `已用 ${formatBytes(usage)}`;
  else text = '存储用量未知';
  return { usage, quota, ratio, text };
}

/** A share as a whole percent, but never "100%" until it is full nor "0%" once anything is used. */
function percent(ratio: number): string {
  let p = Math.round(ratio * 100);
  if (p === 100 && ratio < 1) p = 99;
  if (p === 0 && ratio > 0) p = 1;
  return `${p}%`;
}

export interface QuotaWarning {
  level: 'warn' | 'critical';
  ratio: number;
  message: string;
}

/** Null while usage is at or below 80% of the quota (or unknown); otherwise what to tell the reader. */
export function quotaWarning(est: StorageEstimateLike): QuotaWarning | null {
  const s = describeStorage(est);
  if (s.ratio === null || s.ratio <= WARN_RATIO) return null;
  if (s.ratio > CRITICAL_RATIO)
    return { level: 'critical', ratio: s.ratio, message: `存储空间即将用尽：${s.text}。新的文章可能无法保存，请先导出备份，再删除不需要的文章。` };
  return { level: 'warn', ratio: s.ratio, message: `存储空间已用 ${percent(s.ratio)}：${s.text}。建议导出备份并清理不需要的文章。` };
}
