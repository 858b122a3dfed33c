/** Shipped size: raw and gzipped bytes of every bundle in the built extension. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { emptySection, spread, type Section } from './stats';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

export function benchSizes(extensionDir: string): Section {
  const out = emptySection();
  const files = walk(extensionDir).filter((f) => /\.(js|css|html|wasm)$/.test(f)).sort();
  let raw = 0;
  let gz = 0;
  for (const f of files) {
    const bytes = readFileSync(f);
    const z = gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length;
    gz += z;
    const name = relative(extensionDir, f);
    const one = spread([z / 1024]);
    out.figures.push({ area: 'size (gzip -9)', name: `${name}${name.startsWith('content-scripts/') ? ' ← runs on every page' : ''} (raw ${(bytes.length / 1024).toFixed(1)} kB)`, unit: 'kB', ...one });
  }
  const all = spread([gz / 1024]);
  out.figures.push({ area: 'size (gzip -9)', name: `all ${files.length} bundles (raw ${(raw / 1024).toFixed(0)} kB)`, unit: 'kB', ...all });
  return out;
}
