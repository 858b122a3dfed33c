import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints one closing line "<suite>: N passed, N failed[, N skipped]" after vitest's own report,
 * so CI logs state plainly how many tests ran.
 */
export default class SummaryReporter implements Reporter {
  constructor(private readonly suite = 'tests') {}

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const m of modules) {
      for (const test of m.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      if (m.state() === 'failed' && [...m.children.allTests()].length === 0) failed++;
    }
    console.log(`\n${this.suite}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  }
}
