import { browser } from 'wxt/browser';

/**
 * Small preferences in storage.local (the extension's own storage, readable by the content script
 * without a round trip to the worker): which sites the reader turned PolicyLens off on.
 */
const DISABLED_SITES = 'disabledSites';

export function siteOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

export async function disabledSites(): Promise<string[]> {
  const got = await browser.storage.local.get(DISABLED_SITES);
  const list = got[DISABLED_SITES];
  return Array.isArray(list) ? list.filter((s): s is string => typeof s === 'string') : [];
}

export async function isSiteEnabled(url: string): Promise<boolean> {
  return !(await disabledSites()).includes(siteOf(url));
}

export async function setSiteEnabled(url: string, enabled: boolean): Promise<void> {
  const site = siteOf(url);
  if (!site) return;
  const list = new Set(await disabledSites());
  if (enabled) list.delete(site);
  else list.add(site);
  await browser.storage.local.set({ [DISABLED_SITES]: [...list].sort() });
}
