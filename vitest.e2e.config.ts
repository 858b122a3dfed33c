import { defineConfig } from 'vitest/config';
import SummaryReporter from './tests/summary-reporter.ts';
import { FIREFOX_MIN_VERSION } from './wxt.config.ts';

// The built extension: in real browsers, one project per browser, Chromium (playwright-core,
// every scenario) and Firefox ESR (puppeteer-core over WebDriver BiDi, tests/e2e/firefox) twice:
// Debian's current ESR, and the oldest the manifest allows (strict_min_version), which .ci/setup
// unpacks under /opt/policylens; and the store packages (tests/store: manifests, web-ext lint,
// the sources zip rebuilding the same add-on). One file at a time, projects included: a browser
// or a build shares the machine's two cores.
const minMajor = FIREFOX_MIN_VERSION.split('.')[0];
const FIREFOX_MIN_PATH =
  process.env.FIREFOX_MIN_PATH || `${process.env.FIREFOX_MIN_DIR || `/opt/policylens/firefox-esr-${minMajor}`}/usr/lib/firefox-esr/firefox-esr`;

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
      {
        extends: true,
        test: {
          name: `firefox-${minMajor}`,
          include: ['tests/e2e/firefox/*.e2e.test.ts'],
          env: { FIREFOX_PATH: FIREFOX_MIN_PATH, POLICYLENS_FIREFOX_EXPECTED_MAJOR: minMajor! },
        },
      },
      { extends: true, test: { name: 'store', include: ['tests/store/*.test.ts'] } },
    ],
  },
});
