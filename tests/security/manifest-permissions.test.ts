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
  // Team sync rounds while the browser runs (lib/ext/sync.ts); the worker is not kept alive.
  alarms: /browser\.alarms\./,
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [readFileSync(path, 'utf8')] : [];
  });
}

const shipped = ['entrypoints', 'lib', 'components'].flatMap(sources).join('\n');
// The manifest is a function of the browser being built for; Chrome's is checked here.
type Manifest = { permissions?: string[]; host_permissions?: string[]; optional_permissions?: string[]; optional_host_permissions?: string[] };
const manifest: Manifest = typeof config.manifest === 'function'
  ? ((config.manifest as unknown as (env: { browser: string }) => Manifest)({ browser: 'chrome' }))
  : (config.manifest as Manifest);
const permissions: string[] = manifest.permissions ?? [];
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

  it('asks for no host permissions beyond the content script it injects', () => {
    expect(permissions.length).toBeGreaterThan(0);
    expect(manifest.host_permissions ?? []).toEqual([]);
    expect(manifest.optional_permissions ?? []).toEqual([]);
  });

  it('asks for a team server only at runtime, one origin at a time, and never for every URL', () => {
    // Optional: granted only when the reader turns sync on, for the origin they named (lib/ext/sync.ts).
    expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
    expect(JSON.stringify(manifest)).not.toContain('<all_urls>');
    expect(shipped).toMatch(/browser\.permissions\.request\(\{ origins: \[pattern\] \}\)/);
    expect(section).toMatch(/^- `optional_host_permissions`: \S/m);
  });
});
