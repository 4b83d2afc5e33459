// The contract over HTTP, for the browser UI in serve mode. Generated from `requests`: path params
// fill `:name` segments, GET/DELETE send the rest as a query string, other methods as a JSON body.
import { requests, type Api, type RequestName } from '../../../shared/contract';
import { ApiError } from './errors';

export function createHttpApi(baseUrl: string, token: string): Api {
  const api = {} as Record<RequestName, (input: unknown) => Promise<unknown>>;
  for (const name of Object.keys(requests) as RequestName[]) {
    api[name] = (input) => call(baseUrl, token, name, (input ?? {}) as Record<string, unknown>);
  }
  return api as unknown as Api;
}

async function call(baseUrl: string, token: string, name: RequestName, input: Record<string, unknown>): Promise<unknown> {
  const { method, path } = requests[name].http;
  const rest: Record<string, unknown> = { ...input };
  const filled = path.replace(/:([A-Za-z]+)/g, (_, key: string) => {
    const value = rest[key];
    delete rest[key];
    return encodeURIComponent(String(value ?? ''));
  });
  let url = baseUrl + filled;
  let body: string | undefined;
  if (method === 'GET' || method === 'DELETE') {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(rest)) if (v !== undefined) query.set(k, String(v));
    const qs = query.toString();
    if (qs) url += `?${qs}`;
  } else {
    // `wait` is a query flag on Run Now (API.md: ?wait=false); everything else travels in the body.
    if (name === 'flows.run' && rest.wait !== undefined) {
      url += `?wait=${String(rest.wait)}`;
      delete rest.wait;
    }
    body = JSON.stringify(rest);
  }
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body
    });
  } catch (e) {
    throw new ApiError({ code: 'INTERNAL', message: `Cannot reach the Flowdesk server: ${(e as Error).message}` });
  }
  if (res.status === 204) return undefined;
  const text = await res.text();
  const data = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    const err = data?.error ?? { code: 'INTERNAL', message: `HTTP ${res.status}` };
    throw new ApiError(err, res.status);
  }
  return data;
}
