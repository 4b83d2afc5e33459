// The window's security rules. The built renderer is served from a privileged custom scheme
// (app://flowdesk/) rather than file://, so every response can carry the Content-Security-Policy
// header and module scripts load; nothing remote is ever loaded, navigation and window.open are denied,
// and IPC is only answered for frames on our own origin. Electron objects are parameters (type-only
// imports), so the pure parts are tested in plain Node.
import { existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Net, Protocol, Session, WebContents } from 'electron';
import { CSP } from '../../shared/csp';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://flowdesk`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** Registered before 'ready' (Electron requires it): standard + secure, so it behaves like https. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  // corsEnabled: Vite emits <script type="module" crossorigin>, a CORS-mode request even on our own origin.
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true }
} as const;

/** The file under rootDir an app:// URL names, or null for anything outside it (traversal) or missing. */
export function resolveAppPath(rootDir: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (`${parsed.protocol}//${parsed.host}` !== APP_ORIGIN) return null;
  const rel = decodeURIComponent(parsed.pathname === '/' ? '/index.html' : parsed.pathname);
  const root = resolve(rootDir);
  const file = normalize(join(root, rel));
  if (file !== root && !file.startsWith(root + sep)) return null;
  if (!existsSync(file) || !statSync(file).isFile()) return null;
  return file;
}

/** Our own renderer: the app origin, or the dev server's origin under `electron-vite dev`. */
export function isTrustedUrl(url: string, devUrl?: string): boolean {
  try {
    const origin = new URL(url).origin;
    if (url.startsWith(`${APP_ORIGIN}/`)) return true;
    return devUrl !== undefined && origin === new URL(devUrl).origin;
  } catch {
    return false;
  }
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm'
};

/** Serves rootDir on app://flowdesk/ with the CSP on every response. */
export function registerAppProtocol(protocol: Protocol, net: Net, rootDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppPath(rootDir, request.url);
    if (!file) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
    const upstream = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers({
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff'
    });
    return new Response(upstream.body, { status: 200, headers });
  });
}

/**
 * Session-wide rules: no permission is ever granted (camera, notifications, …), and no request leaves
 * for the network. Under `electron-vite dev` the dev server's origin is allowed and gets the CSP too,
 * loosened only as Vite's hot reload needs.
 */
export function hardenSession(session: Session, devUrl?: string): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  const devOrigin = devUrl ? new URL(devUrl).origin : undefined;
  session.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (details, callback) => {
    const allowed = devOrigin !== undefined && sameHostAs(details.url, devOrigin);
    callback({ cancel: !allowed });
  });
  if (devOrigin) {
    const devCsp = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace("connect-src 'self'", `connect-src 'self' ws://${new URL(devOrigin).host}`);
    session.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [devCsp] } });
    });
  }
}

function sameHostAs(url: string, origin: string): boolean {
  try {
    return new URL(url).host === new URL(origin).host;
  } catch {
    return false;
  }
}

/** Per-window rules: no navigation away, no new windows, no <webview>. */
export function guardWebContents(contents: WebContents, devUrl?: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url, devUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isTrustedUrl(url, devUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
