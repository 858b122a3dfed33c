import { defineConfig } from 'vitest/config';
import SummaryReporter from './tests/summary-reporter.ts';

// The built extension: in real browsers, one project per browser, Chromium (playwright-core,
// every scenario) and Firefox ESR (puppeteer-core over WebDriver BiDi, tests/e2e/firefox); and
// the store packages (tests/store: web-ext lint, the sources zip rebuilding the same add-on).
// One file at a time, projects included: a browser or a build shares the machine's two cores.
export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    maxWorkers: 1,
    reporters: ['default', new SummaryReporter('e2e')],
    projects: [
      { extends: true, test: { name: 'chromium', include: ['tests/e2e/*.e2e.test.ts'] } },
      { extends: true, test: { name: 'firefox', include: ['tests/e2e/firefox/*.e2e.test.ts'] } },
      { extends: true, test: { name: 'store', include: ['tests/store/*.test.ts'] } },
    ],
  },
});
