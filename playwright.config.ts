/**
 * Playwright end-to-end tests: real Kamailio + real Chromium (Debian's
 * /usr/bin/chromium), both started by the tests themselves through
 * test/support/*. No webServer, no browser download: never run
 * `playwright install` here.
 */
import { defineConfig } from '@playwright/test';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const jsonReport = join(root, 'test-results', 'playwright.json');

// `--reporter=list,json` on the command line replaces the reporters below
// and drops their options; the json reporter then takes its file from this
// variable instead of printing to stdout (where it would drown the list).
// A caller's own PLAYWRIGHT_JSON_OUTPUT_NAME/_FILE wins.
if (!process.env.PLAYWRIGHT_JSON_OUTPUT_NAME && !process.env.PLAYWRIGHT_JSON_OUTPUT_FILE) {
  process.env.PLAYWRIGHT_JSON_OUTPUT_FILE = jsonReport;
}

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/artifacts',
  // Each test drives several Chromium processes and a Kamailio on a 2-core
  // machine shared with other work: one at a time.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  // The json reporter writes to PLAYWRIGHT_JSON_OUTPUT_FILE/_NAME (set above if unset).
  reporter: [['list'], ['json']],
  use: {
    // The tests launch their browsers through test/support/chromium.ts. If
    // a test uses Playwright's own `page` fixture, make that use the system
    // Chromium too instead of a downloaded one.
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    },
    trace: 'off',
    screenshot: 'off',
    video: 'off',
  },
});
