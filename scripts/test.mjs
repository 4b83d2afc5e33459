// `npm test`: the one test command (README, CI). Builds if needed, makes sure Chromium exists, runs
// the Node suite (vitest: core, server, Electron shell in plain Node) and the end-to-end suite
// (Playwright: browser specs against the real server; Electron specs skip themselves without a
// binary), then prints one closing line `N passed, N failed, N skipped` and exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildIfStale } from './build-if-stale.mjs';

const root = resolve(import.meta.dirname, '..');
const reports = join(root, 'test-results');
mkdirSync(reports, { recursive: true });
const only = process.argv[2]; // optional: "unit" or "e2e"

buildIfStale();
const totals = { passed: 0, failed: 0, skipped: 0 };
const problems = [];

if (only !== 'e2e') runVitest();
if (only !== 'unit') {
  ensureChromium();
  runPlaywright();
}

console.log('');
for (const p of problems) console.log(`! ${p}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 || problems.length > 0 ? 1 : 0);

function runVitest() {
  const file = join(reports, 'vitest.json');
  console.log('== Node suite (vitest): engine, workers, HTTP server, Electron shell logic');
  const r = spawnSync(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, VITEST_JSON: file }
  });
  const report = readJson(file);
  if (!report) {
    problems.push(`vitest produced no report (exit ${r.status})`);
    return;
  }
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if (r.status !== 0 && report.numFailedTests === 0) problems.push(`vitest exited ${r.status} (a suite failed to load?)`);
}

function runPlaywright() {
  const file = join(reports, 'playwright.json');
  console.log('== End-to-end suite (Playwright): browser UI on the real server; Electron where a binary exists');
  const r = spawnSync(process.execPath, [join(root, 'node_modules/@playwright/test/cli.js'), 'test'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PLAYWRIGHT_JSON: file }
  });
  const report = readJson(file);
  if (!report) {
    problems.push(`playwright produced no report (exit ${r.status})`);
    return;
  }
  const s = report.stats;
  totals.passed += s.expected + (s.flaky ?? 0);
  totals.failed += s.unexpected;
  totals.skipped += s.skipped;
  for (const reason of skipReasons(report)) console.log(`  skipped: ${reason}`);
  for (const title of flakyTests(report)) console.log(`  flaky (passed on retry): ${title}`);
  if (r.status !== 0 && s.unexpected === 0) problems.push(`playwright exited ${r.status} (${(report.errors ?? []).map((e) => e.message).join('; ')})`);
}

function ensureChromium() {
  const chromium = process.env.FLOWDESK_CHROMIUM ?? '/usr/bin/chromium';
  if (existsSync(chromium)) return;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.log('Installing Debian chromium for the browser tests (apt-get, about a minute)…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
  }
  if (!existsSync(chromium)) {
    problems.push(`No Chromium at ${chromium}: install Debian's chromium (apt-get install chromium) or set FLOWDESK_CHROMIUM`);
  }
}

function flakyTests(report) {
  const out = [];
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) for (const t of spec.tests ?? []) if (t.status === 'flaky') out.push(spec.title);
    for (const s of suite.suites ?? []) walk(s);
  };
  for (const s of report.suites ?? []) walk(s);
  return out;
}

function skipReasons(report) {
  const reasons = new Set();
  const walk = (suite) => {
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests ?? [])
        for (const a of t.annotations ?? []) if (a.type === 'skip' && a.description) reasons.add(`${spec.title}: ${a.description}`);
    for (const s of suite.suites ?? []) walk(s);
  };
  for (const s of report.suites ?? []) walk(s);
  return reasons;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}
