// The renderer's one door to the engine. Electron's preload API when it exists, HTTP otherwise;
// nothing else in the renderer knows which.
import { REQUEST_NAMES, type Api } from '../../../shared/contract';
import { isErrorData } from '../../../shared/errors';
import type { PreloadApi } from '../../../shared/preload-api';
import { createSseEvents, type EventSourceLike } from './events';
import { ApiError } from './errors';
import { createHttpApi } from './http-client';

export { ApiError, errorCode } from './errors';

declare global {
  interface Window {
    flowdesk?: PreloadApi;
  }
}

/**
 * Per server (host:port), in localStorage: new tabs and bookmarks of the same server work without
 * the ?token= link (sessionStorage is per tab, so they used to fail with "Missing token").
 */
export const TOKEN_KEY = `flowdesk.token@${window.location.host}`;

/** The serve-mode token arrives in the URL (?token=); keep it for this server and drop it from the address bar. */
function takeToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    localStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.toString());
    return fromUrl;
  }
  return localStorage.getItem(TOKEN_KEY) ?? '';
}

/** Set once the server refuses the token (or there is none): the app shows one full-page message. */
let unauthorized = false;
const authListeners = new Set<() => void>();
function markUnauthorized(): void {
  if (unauthorized) return;
  unauthorized = true;
  authListeners.forEach((l) => l());
}
export const auth = {
  isUnauthorized: (): boolean => unauthorized,
  subscribe(listener: () => void): () => void {
    authListeners.add(listener);
    return () => authListeners.delete(listener);
  },
  /** Keeps a token typed on the message page for this server. */
  remember(token: string): void {
    localStorage.setItem(TOKEN_KEY, token.trim());
  }
};

function watchAuth(inner: Api, onRefused: () => void): Api {
  const wrapped = {} as Record<string, (input: unknown) => Promise<unknown>>;
  for (const name of REQUEST_NAMES) {
    const fn = inner[name] as (input: unknown) => Promise<unknown>;
    wrapped[name] = (input) =>
      fn(input).catch((e: unknown) => {
        if (e instanceof ApiError && e.code === 'UNAUTHORIZED') onRefused();
        throw e;
      });
  }
  return wrapped as unknown as Api;
}

function create(): { api: Api; events: EventSourceLike; transport: 'ipc' | 'http' } {
  const preload = window.flowdesk;
  if (preload) {
    const connection = new Set<(s: 'open' | 'closed' | 'resync') => void>();
    return {
      api: wrapPreload(preload),
      events: {
        subscribe: (listener) => preload.onEvent(listener),
        onConnection: (listener) => {
          connection.add(listener);
          return () => connection.delete(listener);
        }
      },
      transport: 'ipc'
    };
  }
  const token = takeToken();
  const base = window.location.origin;
  const sse = createSseEvents(base, token);
  // No endless "Reconnecting…": a refused token stops the event stream as well.
  const refused = (): void => {
    sse.close?.();
    markUnauthorized();
  };
  if (!token) unauthorized = true;
  const events: EventSourceLike = token ? sse : { subscribe: () => () => undefined, onConnection: () => () => undefined };
  return { api: watchAuth(createHttpApi(base, token), refused), events, transport: 'http' };
}

/**
 * Electron's context bridge drops custom fields of thrown Errors, so the preload rejects with plain
 * {code, message, details} objects; turn them back into ApiError so every caller sees one shape.
 */
function wrapPreload(preload: PreloadApi): Api {
  const wrapped = {} as Record<string, (input: unknown) => Promise<unknown>>;
  for (const name of REQUEST_NAMES) {
    const fn = preload[name] as (input: unknown) => Promise<unknown>;
    wrapped[name] = (input) =>
      fn(input).catch((e: unknown) => {
        throw isErrorData(e) ? new ApiError(e) : e;
      });
  }
  return wrapped as unknown as Api;
}

const created = create();
export const api: Api = created.api;
export const events: EventSourceLike = created.events;
export const transport = created.transport;
