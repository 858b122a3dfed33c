import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * AMO asks for the sources of a bundled add-on and rebuilds them: `wxt zip -b firefox` writes the
 * add-on zip and the sources zip. Here the sources zip is unpacked into an empty directory as a
 * reviewer would, installed with `npm ci` from its own lock file (from npm's local cache when it
 * has the packages) and built; every file of the rebuilt add-on must be byte for byte the one in
 * the add-on zip, and no file may be missing or extra.
 */

const ROOT = resolve(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
const ADDON_ZIP = join(ROOT, '.output', `${pkg.name}-${pkg.version}-firefox.zip`);
const SOURCES_ZIP = join(ROOT, '.output', `${pkg.name}-${pkg.version}-sources.zip`);

const work = mkdtempSync(join(tmpdir(), 'policylens-sources-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/**
 * The environment a reviewer's shell would have: without what vitest sets (NODE_ENV=test makes
 * Vite build a non-production bundle). CI=true keeps npm and wxt from prompting.
 */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { CI: 'true' };
  for (const [k, v] of Object.entries(process.env)) if (!/^(NODE_ENV|TEST|MODE|VITEST.*|VITE_.*|WXT_.*)$/.test(k)) env[k] = v;
  return env;
}

function run(cmd: string, args: string[], cwd: string): void {
  execFileSync(cmd, args, { cwd, stdio: 'pipe', env: cleanEnv(), timeout: 8 * 60_000 });
}

function filesUnder(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (statSync(p).isFile()) out.set(relative(dir, p), sha(readFileSync(p)));
    }
  };
  walk(dir);
  return out;
}

async function filesInZip(file: string): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const out = new Map<string, string>();
  for (const entry of Object.values(zip.files)) if (!entry.dir) out.set(entry.name, sha(await entry.async('uint8array')));
  return out;
}

describe('Firefox sources zip', () => {
  it('rebuilds, from a clean directory, the very add-on that was zipped', async () => {
    run('npx', ['wxt', 'zip', '-b', 'firefox'], ROOT);
    const addon = await filesInZip(ADDON_ZIP);
    expect(addon.has('manifest.json'), 'the add-on zip has a manifest').toBe(true);

    const src = join(work, 'src');
    const sources = await JSZip.loadAsync(readFileSync(SOURCES_ZIP));
    const names = Object.keys(sources.files);
    expect(names.some((n) => n.startsWith('tests/') || n.startsWith('node_modules/') || n.startsWith('.output/')), 'sources zip holds tests, node_modules or build output').toBe(false);
    for (const entry of Object.values(sources.files)) {
      if (entry.dir) continue;
      const target = join(src, entry.name);
      mkdirSync(join(target, '..'), { recursive: true });
      writeFileSync(target, await entry.async('uint8array'));
    }
    run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], src);
    run('npx', ['wxt', 'build', '-b', 'firefox'], src);

    const rebuilt = filesUnder(join(src, '.output', 'firefox-mv3'));
    const differing = [...addon].filter(([name, hash]) => rebuilt.has(name) && rebuilt.get(name) !== hash).map(([n]) => n);
    const missing = [...addon.keys()].filter((n) => !rebuilt.has(n));
    const extra = [...rebuilt.keys()].filter((n) => !addon.has(n));
    expect({ differing, missing, extra }, 'rebuilt add-on vs the zipped one').toEqual({ differing: [], missing: [], extra: [] });
    expect(rebuilt.size).toBe(addon.size);
  }, 15 * 60_000);
});
