// The page the window shows when the engine cannot start (the database cannot be opened or migrated, or
// the native SQLite module was built for another runtime). It says what failed, what Flowdesk did not
// touch, and what to do, branching on the error code, never on message text.
import { toErrorData, type ErrorData } from '../../shared/errors';

export interface StartupErrorPage {
  title: string;
  /** What went wrong, in one sentence. */
  summary: string;
  /** What the user can do, as steps. */
  steps: string[];
  error: ErrorData;
}

export function describeStartupError(e: unknown, dataDir: string): StartupErrorPage {
  const error = toErrorData(e);
  const db = `${dataDir}/flowdesk.db`;
  if (error.code === 'DB_MIGRATION_MISMATCH') {
    return {
      title: 'This database belongs to a different Flowdesk version',
      summary: `The migration history recorded in ${db} does not match this version of Flowdesk. Flowdesk refused to open it and changed nothing.`,
      steps: [
        'If you recently went back to an older Flowdesk, install the newer version again.',
        `To start fresh, quit Flowdesk and move ${db} (with its -wal and -shm files) somewhere safe, then start Flowdesk again.`,
        'To use another data folder, start Flowdesk with the environment variable FLOWDESK_DATA_DIR set to it.'
      ],
      error
    };
  }
  if (isNativeModuleMismatch(error.message)) {
    return {
      title: 'The SQLite module was built for another runtime',
      summary: 'better-sqlite3 is compiled for plain Node.js, but the desktop app needs a build for Electron.',
      steps: ['Run `node scripts/electron-native.mjs` in the project folder (it needs network access to Electron\'s headers), then start again.', 'Or run `npm run serve` to use Flowdesk in your browser.'],
      error
    };
  }
  if (error.code === 'DB_OPEN_FAILED') {
    return {
      title: 'Flowdesk could not open its database',
      summary: `Opening ${db} failed. Nothing was changed.`,
      steps: [
        `Check that ${dataDir} exists, is writable by you, and that the disk is not full.`,
        'If the file is not a Flowdesk database (or is damaged), move it aside and start again to create a new one.',
        'To use another data folder, set FLOWDESK_DATA_DIR.'
      ],
      error
    };
  }
  return {
    title: 'Flowdesk could not start',
    summary: `Starting the engine with data folder ${dataDir} failed.`,
    steps: ['Quit and start Flowdesk again.', 'If it keeps failing, run `npm run serve` from a terminal to see the full error output.'],
    error
  };
}

function isNativeModuleMismatch(message: string): boolean {
  return /NODE_MODULE_VERSION|was compiled against a different Node\.js version|invalid ELF header|better_sqlite3\.node/.test(message);
}

/** A self-contained page (inline styles only, no scripts) as a data: URL. */
export function startupErrorUrl(page: StartupErrorPage): string {
  return `data:text/html;charset=utf-8,${encodeURIComponent(startupErrorHtml(page))}`;
}

export function startupErrorHtml(page: StartupErrorPage): string {
  const details = page.error.details ? `\n${JSON.stringify(page.error.details, null, 2)}` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Flowdesk — ${esc(page.title)}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0;padding:40px 56px;color:#1d2330;background:#f6f7f9}
h1{font-size:22px;margin:0 0 12px}p{margin:0 0 16px;max-width:760px}ol{max-width:760px;padding-left:20px}
li{margin:6px 0}pre{background:#fff;border:1px solid #d8dce3;border-radius:6px;padding:12px;white-space:pre-wrap;max-width:860px;font-size:13px}
code{background:#e9ecf1;padding:1px 4px;border-radius:3px}
</style></head>
<body role="alert">
<h1>${esc(page.title)}</h1>
<p>${esc(page.summary)}</p>
<h2 style="font-size:16px">What you can do</h2>
<ol>${page.steps.map((s) => `<li>${esc(s).replace(/`([^`]+)`/g, '<code>$1</code>')}</li>`).join('')}</ol>
<h2 style="font-size:16px">Error</h2>
<pre>${esc(`${page.error.code}: ${page.error.message}${details}`)}</pre>
</body></html>`;
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
