#!/usr/bin/env node
// Installed entry point: runs the TypeScript CLI through tsx, resolved from this package (not from
// the caller's directory), so `policylens` works wherever the package is installed.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const main = join(here, '..', 'lib', 'cli', 'main.ts');
const require = createRequire(import.meta.url);

let tsxCli;
try {
  tsxCli = join(dirname(require.resolve('tsx/package.json')), 'dist', 'cli.mjs');
} catch {
  console.error('policylens: tsx is not installed next to policylens (npm install tsx)');
  process.exit(2);
}

const run = spawnSync(process.execPath, [tsxCli, main, ...process.argv.slice(2)], { stdio: 'inherit' });
if (run.error) {
  console.error(`policylens: ${run.error.message}`);
  process.exit(2);
}
process.exit(run.status ?? 1);
