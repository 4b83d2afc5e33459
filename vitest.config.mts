// Unit and integration tests of the core and the HTTP shell: real SQLite files in temp folders, real
// worker processes, real HTTP on 127.0.0.1. Browser and Electron end-to-end specs run under Playwright.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Tests start real worker processes; two files at a time fits a 2-core machine.
    maxWorkers: 2,
    reporters: process.env.VITEST_JSON ? ['default', ['json', { outputFile: process.env.VITEST_JSON }]] : ['default']
  }
});
