// Desktop settings, a small JSON file in the data folder (settings.json). Today it holds one switch:
// run the local HTTP API inside the desktop app for scripts (off by default). The API keeps serve
// mode's rules: 127.0.0.1 only and a bearer token, the same DIR/api-token file serve mode uses.
import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface DesktopSettings {
  httpApi: { enabled: boolean; port: number };
}

export const DEFAULT_SETTINGS: DesktopSettings = { httpApi: { enabled: false, port: 0 } };
export const SETTINGS_FILE = 'settings.json';
export const TOKEN_FILE = 'api-token';

/** settings.json, then the environment (FLOWDESK_HTTP_API=1, FLOWDESK_PORT) on top. Bad values fall back to defaults. */
export function loadSettings(dataDir: string, env: NodeJS.ProcessEnv = process.env): DesktopSettings {
  const settings: DesktopSettings = { httpApi: { ...DEFAULT_SETTINGS.httpApi } };
  try {
    const raw = JSON.parse(readFileSync(join(dataDir, SETTINGS_FILE), 'utf8')) as { httpApi?: { enabled?: unknown; port?: unknown } };
    if (typeof raw.httpApi?.enabled === 'boolean') settings.httpApi.enabled = raw.httpApi.enabled;
    if (isPort(raw.httpApi?.port)) settings.httpApi.port = raw.httpApi.port;
  } catch {
    // No file (the usual case) or an unreadable one: defaults.
  }
  if (env.FLOWDESK_HTTP_API === '1' || env.FLOWDESK_HTTP_API === 'true') settings.httpApi.enabled = true;
  const port = Number(env.FLOWDESK_PORT);
  if (env.FLOWDESK_PORT && isPort(port)) settings.httpApi.port = port;
  return settings;
}

function isPort(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 65535;
}

/** FLOWDESK_DATA_DIR wins (tests give every run its own folder); otherwise Electron's per-user folder. */
export function resolveDataDir(userData: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.FLOWDESK_DATA_DIR ? resolve(env.FLOWDESK_DATA_DIR) : userData;
}

/** FLOWDESK_TOKEN, else DIR/api-token, else a new random token written there with mode 0600. */
export function loadOrCreateToken(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.FLOWDESK_TOKEN) return env.FLOWDESK_TOKEN;
  const file = join(dataDir, TOKEN_FILE);
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing) return existing;
  } catch {
    // Not there yet.
  }
  const token = randomBytes(24).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return token;
}
