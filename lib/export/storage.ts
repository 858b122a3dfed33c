import { zhTranslate, type Translate } from '../i18n';
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
  /** e.g. "已用 1.2 GB / 共 2 GB（60%）", or what is known, in the reader's language. */
  text: string;
}

function known(n: number | undefined): number | null {
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : null;
}

export function describeStorage(est: StorageEstimateLike, t: Translate = zhTranslate): StorageSummary {
  const usage = known(est.usage);
  const quota = known(est.quota);
  const ratio = usage !== null && quota !== null && quota > 0 ? Math.min(1, usage / quota) : null;
  let text: string;
  if (usage !== null && quota !== null) {
    const pct = ratio === null ? '' : t('storage.share', { pct: percent(ratio) });
    text = t('storage.used', { used: formatBytes(usage), quota: formatBytes(quota), pct });
  } else if (usage !== null) text = t('storage.usedOnly', { used: formatBytes(usage) });
  else text = t('storage.usageUnknown');
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
export function quotaWarning(est: StorageEstimateLike, t: Translate = zhTranslate): QuotaWarning | null {
  const s = describeStorage(est, t);
  if (s.ratio === null || s.ratio <= WARN_RATIO) return null;
  if (s.ratio > CRITICAL_RATIO) return { level: 'critical', ratio: s.ratio, message: t('storage.critical', { text: s.text }) };
  return { level: 'warn', ratio: s.ratio, message: t('storage.warn', { pct: percent(s.ratio), text: s.text }) };
}
