import { defineConfig } from 'vitest/config';
import SummaryReporter from './tests/summary-reporter.ts';

// Real Chromium with the built extension loaded: files run one after another because they share
// the machine's two cores with the browser.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    reporters: ['default', new SummaryReporter('e2e')],
  },
});
