import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints one closing line "<suite>: N passed, N failed[, N skipped]" after vitest's own report,
 * so CI logs state plainly how many tests ran. With several projects (the e2e suite's browsers)
 * a line per project comes first, worded so that only the last line reads as the total.
 */
export default class SummaryReporter implements Reporter {
  constructor(private readonly suite = 'tests') {}

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const total = { passed: 0, failed: 0, skipped: 0 };
    const byProject = new Map<string, typeof total>();
    for (const m of modules) {
      const name = m.project.name;
      if (!byProject.has(name)) byProject.set(name, { passed: 0, failed: 0, skipped: 0 });
      const own = byProject.get(name)!;
      const count = (key: keyof typeof total) => {
        total[key]++;
        own[key]++;
      };
      for (const test of m.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') count('passed');
        else if (state === 'failed') count('failed');
        else count('skipped');
      }
      // A file that failed outside its tests (no browser for beforeAll, an import error) counts
      // once, even when vitest reports its tests as skipped.
      if (m.state() === 'failed' && ![...m.children.allTests()].some((t) => t.result().state === 'failed')) count('failed');
    }
    const projects = [...byProject].filter(([name]) => name);
    if (projects.length > 1) {
      console.log('');
      for (const [name, c] of projects) console.log(`  ${this.suite} in ${name} — passed ${c.passed}, failed ${c.failed}${c.skipped ? `, skipped ${c.skipped}` : ''}`);
    }
    console.log(`\n${this.suite}: ${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
  }
}
