import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The built manifests as the stores see them: every permission is used by the code and justified
 * in README.md ("Store packages"), nothing is requested for later, icons exist at every size
 * the manifest names, and Firefox-only keys stay out of Chrome's manifest.
 */

const ROOT = resolve(import.meta.dirname, '..', '..');
const manifestOf = (dir: string) => JSON.parse(readFileSync(join(ROOT, '.output', dir, 'manifest.json'), 'utf8'));
const BUILDS = { chrome: 'chrome-mv3', firefox: 'firefox-mv3' } as const;

function sources(dir: string): string {
  let out = '';
  for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out += sources(p);
    else if (/\.(ts|tsx)$/.test(e.name)) out += readFileSync(join(ROOT, p), 'utf8');
  }
  return out;
}
const code = ['entrypoints', 'lib', 'components'].map(sources).join('\n');

/** What in our code needs each permission. A permission not listed here fails the test. */
const USED_BY: Record<string, RegExp> = {
  storage: /browser\.storage\.(local|session)/,
  contextMenus: /browser\.contextMenus\.(create|onClicked)/,
  // The library lives in IndexedDB (Dexie); without it the browser may evict it under pressure.
  unlimitedStorage: /extends Dexie|new Dexie|from 'dexie'/,
  // Team sync's rounds and deadline reminders (lib/ext/sync.ts, lib/ext/reminders.ts).
  alarms: /\.alarms\.(create|onAlarm)/,
  // Chrome's alone: Readability in an offscreen document, where the service worker has no DOM (lib/ext/readability-host.ts).
  offscreen: /offscreen\s*\.createDocument\(/,
};

const storeSection = (): string => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('## Store packages');
  expect(start, 'README.md has a "Store packages" section').toBeGreaterThanOrEqual(0);
  const end = readme.indexOf('\n## ', start + 3);
  return readme.slice(start, end < 0 ? undefined : end);
};

describe.each(Object.entries(BUILDS))('%s manifest', (browser, dir) => {
  const manifest = manifestOf(dir);

  it('asks only for permissions the code uses, each justified in README.md', () => {
    const section = storeSection();
    for (const p of manifest.permissions ?? []) {
      expect(USED_BY[p], `${browser}: permission ${p} is not known to be used; remove it or add what uses it`).toBeDefined();
      expect(code, `${browser}: nothing in the code uses ${p}`).toMatch(USED_BY[p]!);
      expect(section, `${browser}: README.md "Store packages" does not justify ${p}`).toContain(`\`${p}\``);
    }
    // Only reminders' notifications, asked for when the reader turns reminders on (alarms is required: team sync's rounds).
    expect(manifest.optional_permissions ?? [], `${browser}: optional permissions`).toEqual(['notifications']);
    for (const p of manifest.optional_permissions ?? []) expect(section, `${browser}: README.md "Store packages" does not justify optional ${p}`).toContain(`\`${p}\``);
    expect(manifest.host_permissions ?? [], `${browser}: host permissions beyond the content script's`).toEqual([]);
    expect(section, `${browser}: README.md does not justify the content script's sites`).toContain('`http://*/*`');
  });

  it('names icons that exist, at 16, 32, 48 and 128 pixels, for the extension and the toolbar button', () => {
    for (const icons of [manifest.icons, manifest.action.default_icon]) {
      expect(Object.keys(icons).sort(), `${browser}: icon sizes`).toEqual(['128', '16', '32', '48']);
      for (const [size, file] of Object.entries(icons as Record<string, string>)) {
        const png = readFileSync(join(ROOT, '.output', dir, file));
        expect(png.subarray(1, 4).toString('latin1'), `${browser}: ${file} is a PNG`).toBe('PNG');
        expect([png.readUInt32BE(16), png.readUInt32BE(20)], `${browser}: ${file} size`).toEqual([Number(size), Number(size)]);
        expect(statSync(join(ROOT, '.output', dir, file)).size).toBeGreaterThan(100);
      }
    }
  });

  it('localises the name, description and toolbar title', () => {
    expect(manifest.name).toBe('__MSG_extName__');
    expect(manifest.description).toBe('__MSG_extDescription__');
    expect(manifest.action.default_title).toBe('__MSG_extName__');
  });

  it(browser === 'chrome' ? 'leaves Firefox-only keys out' : 'has the Gecko id, minimum versions and no data collection', () => {
    if (browser === 'chrome') expect(manifest.browser_specific_settings).toBeUndefined();
    else {
      expect(manifest.browser_specific_settings.gecko.id).toMatch(/^\{[0-9a-f-]{36}\}$/);
      expect(manifest.browser_specific_settings.gecko.data_collection_permissions).toEqual({ required: ['none'] });
      expect(Number.parseFloat(manifest.browser_specific_settings.gecko.strict_min_version)).toBeGreaterThanOrEqual(140);
    }
  });
});
