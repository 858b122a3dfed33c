import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import config from '../../wxt.config';

/**
 * Finding 9 (issue 14): the manifest asks only for what is used. Each permission is listed with
 * the API calls that need it; a permission whose calls appear nowhere in the shipped source is
 * asked for and never used, and every remaining one is justified in README's permissions section.
 */
const NEEDS: Record<string, RegExp> = {
  storage: /browser\.storage\./,
  contextMenus: /browser\.contextMenus\./,
  // The library lives in IndexedDB; without it a large library hits the origin's quota.
  unlimitedStorage: /new PolicyDB\(/,
  // activeTab only matters for APIs gated on it (scripting, tab capture, executeScript).
  activeTab: /browser\.(scripting|tabs\.(executeScript|captureVisibleTab|insertCSS))\b/,
  scripting: /browser\.scripting\./,
  downloads: /browser\.downloads\./,
  // Team sync's rounds (lib/ext/sync.ts) and deadline reminders (lib/ext/reminders.ts).
  alarms: /\.alarms\.(create|onAlarm)\b/,
  notifications: /\.notifications\.create\(/,
  // Readability where Chrome's service worker has no DOM (lib/ext/readability-host.ts).
  offscreen: /offscreen\s*\.createDocument\(/,
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [readFileSync(path, 'utf8')] : [];
  });
}

const shipped = ['entrypoints', 'lib', 'components'].flatMap(sources).join('\n');
type Manifest = { permissions?: string[]; host_permissions?: string[]; optional_permissions?: string[]; optional_host_permissions?: string[] };
// The manifest is a function of the target browser; Chrome's is checked (Firefox's adds only gecko settings).
const manifestOf = (browser: string): Manifest =>
  typeof config.manifest === 'function' ? (config.manifest as unknown as (env: { browser: string }) => Manifest)({ browser }) : (config.manifest as Manifest);
const permissions: string[] = manifestOf('chrome').permissions ?? [];
const optional: string[] = manifestOf('chrome').optional_permissions ?? [];
const readme = readFileSync('README.md', 'utf8');
const section = /^## Permissions\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1] ?? '';

describe('manifest permissions', () => {
  it.each(permissions)('%s is used by the shipped code', (permission) => {
    const need = NEEDS[permission];
    expect(need, `no known API for ${permission}: add what uses it to NEEDS`).toBeDefined();
    expect(need!.test(shipped), `${permission} is requested but nothing calls an API that needs it`).toBe(true);
  });

  it.each(permissions)('%s is justified in README.md', (permission) => {
    expect(section, 'README.md has no "## Permissions" section').not.toBe('');
    expect(section).toMatch(new RegExp(`^- \`${permission}\`: \\S`, 'm'));
  });

  it.each(optional)('optional %s is used by the shipped code and justified in README.md', (permission) => {
    expect(NEEDS[permission]?.test(shipped), `${permission} is optional but nothing calls an API that needs it`).toBe(true);
    expect(section).toMatch(new RegExp(`^- \`${permission}\` \\(optional\\): \\S`, 'm'));
  });

  it('asks for no host permissions beyond the content script it injects, and only reminders\' notifications as optional', () => {
    for (const browser of ['chrome', 'firefox']) {
      const manifest = manifestOf(browser);
      expect(manifest.host_permissions ?? []).toEqual([]);
      // alarms is required in both: team sync's rounds need it whenever sync is on, and Firefox cannot make it optional.
      expect(manifest.optional_permissions ?? []).toEqual(['notifications']);
      // offscreen in Chrome alone: Firefox's background page has the DOM Readability needs.
      expect(manifest.permissions).toEqual(['storage', 'contextMenus', 'unlimitedStorage', 'alarms', ...(browser === 'chrome' ? ['offscreen'] : [])]);
    }
  });

  it.each(['chrome', 'firefox'])('asks for a team server only at runtime, one origin at a time, and never for every URL (%s)', (browser) => {
    const manifest = manifestOf(browser);
    // Optional: granted only when the reader turns sync on, for the origin they named (lib/ext/sync.ts).
    expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
    expect(JSON.stringify(manifest)).not.toContain('<all_urls>');
    expect(shipped).toMatch(/browser\.permissions\.request\(\{ origins: \[pattern\] \}\)/);
    expect(section).toMatch(/^- `optional_host_permissions`: \S/m);
  });
});

describe('the oldest browsers the manifests allow', () => {
  it('Chrome 109: offscreen documents (Readability for the content script) and the Highlight API exist there', () => {
    const chrome = manifestOf('chrome') as Manifest & { minimum_chrome_version?: string };
    expect(chrome.permissions).toContain('offscreen');
    expect(Number(chrome.minimum_chrome_version)).toBeGreaterThanOrEqual(109);
    // Firefox rejects an unknown key with a warning and has no offscreen API: neither is in its manifest.
    const firefox = manifestOf('firefox') as Manifest & { minimum_chrome_version?: string };
    expect(firefox.minimum_chrome_version).toBeUndefined();
    expect(firefox.permissions).not.toContain('offscreen');
  });
});
