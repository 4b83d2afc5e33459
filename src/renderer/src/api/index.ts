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

const TOKEN_KEY = 'flowdesk.token';

/** The serve-mode token arrives once in the URL (?token=); keep it for this tab and drop it from the address bar. */
function takeToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.toString());
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
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
  return { api: createHttpApi(base, token), events: createSseEvents(base, token), transport: 'http' };
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
