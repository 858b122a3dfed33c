#!/usr/bin/env node
// npm test: the unit suite, then the builds and the end-to-end suites in real browsers — both run
// even when the first fails, so one run shows every failure — and one closing line for the whole:
// "N passed, N failed". Each suite's own summary line ("unit: …", "e2e: …") is read from its output.
import { spawn } from 'node:child_process';

function run(script) {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '-s', script], { stdio: ['inherit', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => {
      process.stdout.write(d);
      out += d;
    });
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

let passed = 0;
let failed = 0;
let code = 0;
for (const [script, suite] of [['test:unit', 'unit'], ['test:e2e', 'e2e']]) {
  const r = await run(script);
  const m = [...r.out.matchAll(new RegExp(`^${suite}: (\\d+) passed, (\\d+) failed`, 'gm'))].pop();
  if (m) {
    passed += Number(m[1]);
    failed += Number(m[2]);
  } else if (r.code !== 0) {
    // A suite that died before its summary (a build error) counts as one failure.
    failed += 1;
  }
  if (r.code !== 0) code = r.code;
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 && code === 0 ? 1 : code);
