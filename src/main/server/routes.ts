// The HTTP route table, generated from the contract: no route is written by hand here.
import { requests, type RequestName } from '../../shared/contract';

export interface Route {
  name: RequestName;
  method: string;
  pattern: RegExp;
  params: string[];
  status: number;
}

export const routes: Route[] = (Object.keys(requests) as RequestName[]).map((name) => {
  const { method, path, status } = requests[name].http as { method: string; path: string; status?: number };
  const params: string[] = [];
  const source = path.replace(/:([A-Za-z]+)/g, (_, key: string) => {
    params.push(key);
    return '([^/]+)';
  });
  return { name, method, pattern: new RegExp(`^${source}$`), params, status: status ?? 200 };
});

export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'wrong-method'; allowed: string[] }
  | { kind: 'none' };

export function matchRoute(method: string, pathname: string): RouteMatch {
  const allowed: string[] = [];
  for (const route of routes) {
    const m = route.pattern.exec(pathname);
    if (!m) continue;
    if (route.method !== method) {
      allowed.push(route.method);
      continue;
    }
    const params: Record<string, string> = {};
    route.params.forEach((key, i) => {
      params[key] = safeDecode(m[i + 1]);
    });
    return { kind: 'found', route, params };
  }
  return allowed.length ? { kind: 'wrong-method', allowed } : { kind: 'none' };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    // A malformed escape is left as is; the schema then refuses it with VALIDATION_FAILED.
    return s;
  }
}
