import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import SummaryReporter from './tests/summary-reporter.ts';

// Unit and integration tests that run in Node (lib/, components with happy-dom, the database
// with fake-indexeddb). End-to-end tests in Chromium have their own config (vitest.e2e.config.ts).
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    exclude: ['tests/e2e/**', 'tests/store/**', 'node_modules/**'],
    testTimeout: 60_000,
    reporters: ['default', new SummaryReporter('unit')],
  },
});
