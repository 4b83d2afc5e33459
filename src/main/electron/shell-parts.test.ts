// The desktop shell's small pure parts: remembered window bounds, settings and token, the startup
// error page, the app:// file mapping and sender trust, the menu, and the native module choice.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/paths';
import { AppError } from '../../shared/errors';
import { MENU_COMMANDS, type MenuCommand } from '../../shared/preload-api';
import { menuTemplate } from './menu';
import { findNativeBinding } from './native-binding';
import { isTrustedUrl, resolveAppPath } from './security';
import { loadOrCreateToken, loadSettings, resolveDataDir } from './settings';
import { describeStartupError, startupErrorHtml, startupErrorUrl } from './startup-error';
import { DEFAULT_WINDOW_STATE, WINDOW_STATE_FILE, loadWindowState, saveWindowState } from './window-state';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function dir(): string {
  const t = tempDir('flowdesk-shell-');
  cleanups.push(t.cleanup);
  return t.dir;
}

describe('window state', () => {
  it('round-trips, and falls back to defaults for a missing or corrupt file', () => {
    const d = dir();
    expect(loadWindowState(d)).toEqual(DEFAULT_WINDOW_STATE);
    saveWindowState(d, { x: 10, y: 20, width: 900, height: 700, maximized: true });
    expect(loadWindowState(d)).toEqual({ x: 10, y: 20, width: 900, height: 700, maximized: true });
    writeFileSync(join(d, WINDOW_STATE_FILE), '{not json');
    expect(loadWindowState(d)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('drops a position that is on no connected display, and clamps tiny sizes', () => {
    const d = dir();
    saveWindowState(d, { x: 5000, y: 5000, width: 100, height: 100, maximized: false });
    const state = loadWindowState(d, [{ x: 0, y: 0, width: 1920, height: 1080 }]);
    expect(state.x).toBeUndefined();
    expect(state.y).toBeUndefined();
    expect(state.width).toBeGreaterThanOrEqual(640);
    expect(state.height).toBeGreaterThanOrEqual(420);
  });
});

describe('settings', () => {
  it('keeps the HTTP API off by default; the file or FLOWDESK_HTTP_API turns it on', () => {
    const d = dir();
    expect(loadSettings(d, {})).toEqual({ httpApi: { enabled: false, port: 0 } });
    writeFileSync(join(d, 'settings.json'), JSON.stringify({ httpApi: { enabled: true, port: 8123 } }));
    expect(loadSettings(d, {})).toEqual({ httpApi: { enabled: true, port: 8123 } });
    writeFileSync(join(d, 'settings.json'), JSON.stringify({ httpApi: { enabled: 'yes', port: -1 } }));
    expect(loadSettings(d, {})).toEqual({ httpApi: { enabled: false, port: 0 } });
    expect(loadSettings(d, { FLOWDESK_HTTP_API: '1', FLOWDESK_PORT: '9000' })).toEqual({ httpApi: { enabled: true, port: 9000 } });
  });

  it('FLOWDESK_DATA_DIR overrides the per-user folder', () => {
    expect(resolveDataDir('/home/u/.config/Flowdesk', {})).toBe('/home/u/.config/Flowdesk');
    expect(resolveDataDir('/home/u/.config/Flowdesk', { FLOWDESK_DATA_DIR: '/tmp/x' })).toBe('/tmp/x');
  });

  it('creates the API token once, mode 0600, and reuses it', () => {
    const d = dir();
    const token = loadOrCreateToken(d, {});
    expect(token.length).toBeGreaterThanOrEqual(24);
    expect(loadOrCreateToken(d, {})).toBe(token);
    expect(statSync(join(d, 'api-token')).mode & 0o777).toBe(0o600);
    expect(loadOrCreateToken(d, { FLOWDESK_TOKEN: 'given' })).toBe('given');
  });
});

describe('startup error page', () => {
  it('explains a migration mismatch with what to do, escaped, in a script-free page', () => {
    const page = describeStartupError(new AppError('DB_MIGRATION_MISMATCH', 'Migration <0001> altered', { reason: 'altered' }), '/data');
    expect(page.title).toMatch(/different Flowdesk version/);
    expect(page.summary).toContain('/data/flowdesk.db');
    const html = startupErrorHtml(page);
    expect(html).toContain('Migration &lt;0001&gt; altered');
    expect(html).not.toContain('<script');
    expect(html).toContain("default-src 'none'");
    expect(startupErrorUrl(page).startsWith('data:text/html;charset=utf-8,')).toBe(true);
  });

  it('recognises an open failure, a native module built for Node, and anything else', () => {
    expect(describeStartupError(new AppError('DB_OPEN_FAILED', 'disk I/O error'), '/d').title).toMatch(/could not open its database/);
    const abi = describeStartupError(new Error('The module better_sqlite3.node was compiled against a different Node.js version using NODE_MODULE_VERSION 115'), '/d');
    expect(abi.steps.join(' ')).toContain('electron-native.mjs');
    expect(describeStartupError(new Error('boom'), '/d').error.code).toBe('INTERNAL');
  });
});

describe('app:// mapping and sender trust', () => {
  it('maps app://flowdesk/ paths into the renderer folder and refuses traversal, other hosts and missing files', () => {
    const outer = dir();
    const root = join(outer, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html>');
    writeFileSync(join(root, 'assets', 'a.js'), '');
    writeFileSync(join(outer, 'secret.txt'), 'x');
    expect(resolveAppPath(root, 'app://flowdesk/')).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://flowdesk/assets/a.js?v=1')).toBe(join(root, 'assets', 'a.js'));
    expect(resolveAppPath(root, 'app://flowdesk/../secret.txt')).toBeNull();
    expect(resolveAppPath(root, 'app://flowdesk/%2e%2e/secret.txt')).toBeNull();
    expect(resolveAppPath(root, 'app://other/index.html')).toBeNull();
    expect(resolveAppPath(root, 'app://flowdesk/missing.js')).toBeNull();
    expect(resolveAppPath(root, 'app://flowdesk/assets')).toBeNull();
  });

  it('trusts only our origin (and the dev server in development)', () => {
    expect(isTrustedUrl('app://flowdesk/index.html')).toBe(true);
    expect(isTrustedUrl('app://flowdeskevil/index.html')).toBe(false);
    expect(isTrustedUrl('https://example.com/')).toBe(false);
    expect(isTrustedUrl('file:///etc/passwd')).toBe(false);
    expect(isTrustedUrl('http://localhost:5173/src/x.ts', 'http://localhost:5173/')).toBe(true);
    expect(isTrustedUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
  });
});

describe('application menu', () => {
  it('offers New Flow, Save, Run Now and Queue Monitor, each sending its command', () => {
    const sent: MenuCommand[] = [];
    const template = menuTemplate('linux', (c) => sent.push(c));
    const items = template.flatMap((m) => (Array.isArray(m.submenu) ? m.submenu : []));
    for (const label of ['New Flow', 'Save', 'Run Now', 'Queue Monitor']) {
      const item = items.find((i) => i.label === label);
      expect(item, label).toBeDefined();
      (item!.click as () => void)();
    }
    expect(sent).toEqual(['new-flow', 'save', 'run-now', 'queue-monitor']);
    expect([...sent].sort()).toEqual([...MENU_COMMANDS].sort());
    expect(template.some((m) => m.role === 'editMenu')).toBe(true);
    expect(menuTemplate('darwin', () => undefined)[0].role).toBe('appMenu');
  });
});

describe('native binding choice', () => {
  it('uses .electron-native in development, resources/native when packaged, and an env override', () => {
    const root = dir();
    expect(findNativeBinding({ isPackaged: false, appPath: root, env: {} })).toBeUndefined();
    mkdirSync(join(root, '.electron-native'));
    writeFileSync(join(root, '.electron-native', 'better_sqlite3.node'), '');
    expect(findNativeBinding({ isPackaged: false, appPath: root, env: {} })).toBe(join(root, '.electron-native', 'better_sqlite3.node'));
    mkdirSync(join(root, 'native'));
    writeFileSync(join(root, 'native', 'better_sqlite3.node'), '');
    expect(findNativeBinding({ isPackaged: true, appPath: '/nope', resourcesPath: root, env: {} })).toBe(join(root, 'native', 'better_sqlite3.node'));
    expect(findNativeBinding({ isPackaged: false, appPath: root, env: { FLOWDESK_NATIVE_BINDING: '/x.node' } })).toBe('/x.node');
    expect(readFileSync(join(root, 'native', 'better_sqlite3.node'), 'utf8')).toBe('');
  });
});
