/**
 * File names that every desktop system accepts and that sort by date: `2026-11-24-山西企业技术创新….md`.
 */

/** Code points of title kept before the ellipsis: readable in a Downloads list, far below 255 UTF-8 bytes. */
export const TITLE_MAX = 40;
const FALLBACK = 'policylens-export';

// Illegal on Windows (<>:"/\|?*), controls, and bidi/invisible marks that could disguise an extension.
// eslint-disable-next-line no-control-regex
const ILLEGAL = /[<>:"/\\|?*\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

function toDay(date: string | Date | null | undefined): string {
  if (date instanceof Date) return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 10);
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(date ?? '');
  return m?.[1] ?? '';
}

export function suggestedFilename(opts: { title?: string | null; date?: string | Date | null; ext: string }): string {
  const ext = opts.ext.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 10) || 'txt';
  let title = (opts.title ?? '')
    .replace(ILLEGAL, ' ')
    // Chinese titles wrap 《》 around names; they add nothing to a file name.
    .replace(/[《》「」『』【】]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = Array.from(title);
  if (chars.length > TITLE_MAX) title = chars.slice(0, TITLE_MAX).join('').trim() + '…';
  // Windows drops trailing dots and spaces; a leading dot hides the file on macOS and Linux.
  title = title.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  const day = toDay(opts.date);
  let base = [day, title].filter(Boolean).join('-') || FALLBACK;
  if (RESERVED.test(base)) base = `_${base}`;
  return `${base}.${ext}`;
}
