// `require` as flow code sees it: Node built-ins only (the incident's flow used node:http). npm
// packages are not resolvable from a worker (there is no node_modules next to a flow); `timers`
// hands back the flow's tracked timers so they end with their attempt or version like the globals.
import { createRequire, isBuiltin } from 'node:module';
import { join } from 'node:path';
import type { FlowTimers } from './flow-timers';

const nodeRequire = createRequire(join(process.cwd(), 'flowdesk-flow.js'));

export function flowRequire(timers: FlowTimers): (id: string) => unknown {
  return function require(id: string): unknown {
    if (typeof id !== 'string' || !isBuiltin(id)) {
      const err = new Error(
        `Cannot require ${JSON.stringify(id)} from flow code: only Node built-in modules (node:http, node:fs, …) are available`
      );
      (err as Error & { code: string }).code = 'MODULE_NOT_ALLOWED';
      throw err;
    }
    const mod = nodeRequire(id);
    if (id === 'timers' || id === 'node:timers') return { ...(mod as object), ...timers };
    return mod;
  };
}
