/**
 * The per-site on/off switch, as pure functions over a settings object; where the settings are
 * stored (extension storage) is the caller's business.
 */

export interface SiteSettings {
  /** Host names the reader turned the extension off for. */
  disabledSites?: readonly string[];
}

/** The key a switch is stored under: the host name, lower case, without a leading www. */
export function siteKey(url: string | URL): string | null {
  let u: URL;
  try {
    u = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:' && u.protocol !== 'file:') return null;
  if (u.protocol === 'file:') return 'file://';
  return u.hostname.toLowerCase().replace(/^www\./, '').replace(/\.$/, '') || null;
}

export function isSiteEnabled(settings: SiteSettings | null | undefined, url: string | URL): boolean {
  const key = siteKey(url);
  if (!key) return false;
  return !(settings?.disabledSites ?? []).includes(key);
}

/** New settings with the site switched on or off (the input is not modified). */
export function setSiteEnabled(settings: SiteSettings | null | undefined, url: string | URL, enabled: boolean): SiteSettings {
  const key = siteKey(url);
  const current = settings?.disabledSites ?? [];
  if (!key) return { ...settings, disabledSites: [...current] };
  const rest = current.filter((k) => k !== key);
  return { ...settings, disabledSites: enabled ? rest : [...rest, key] };
}
