// End-to-end tests: the browser UI against the real serve-mode server in Debian Chromium, and the
// Electron app where an Electron binary exists (the Electron specs skip themselves, with the reason,
// where it does not). Build first: `npm test` does.
import { defineConfig } from '@playwright/test';

const chromium = process.env.FLOWDESK_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  // One retry in CI only, for timing on a loaded 2-core machine; scripts/test.mjs lists every test
  // that needed it, so flakiness stays visible instead of hidden.
  retries: process.env.CI ? 1 : 0,
  outputDir: 'test-results/artifacts',
  reporter: process.env.PLAYWRIGHT_JSON
    ? [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON }]]
    : [['list']],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic']
    }
  },
  projects: [
    { name: 'browser', testMatch: 'browser/**/*.spec.ts' },
    { name: 'electron', testMatch: 'electron/**/*.spec.ts' }
  ]
});
