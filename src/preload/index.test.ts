// The preload entry as the sandbox sees it: bundled into one CommonJS file, run with a `require` that
// knows only 'electron' (a sandboxed preload can load nothing else), against a fake electron module.
// What it exposes on window.flowdesk must be exactly the contract plus onEvent/onMenu/platform.
import { resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { REQUEST_NAMES, ipcChannel } from '../shared/contract';
import { PRELOAD_GLOBAL } from '../shared/preload-api';

async function bundlePreload(): Promise<string> {
  const result = await build({
    entryPoints: [resolve(__dirname, 'index.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['electron'],
    write: false,
    logLevel: 'silent'
  });
  return result.outputFiles[0].text;
}

describe('preload entry in a sandbox', () => {
  it('requires nothing but electron and exposes exactly the contract under window.flowdesk', async () => {
    const code = await bundlePreload();
    const exposed = new Map<string, Record<string, unknown>>();
    const invoked: Array<[string, unknown]> = [];
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.set(key, api) },
      ipcRenderer: {
        invoke: async (channel: string, input: unknown) => {
          invoked.push([channel, input]);
          return { ok: true, value: 'answer' };
        },
        on: () => undefined,
        removeListener: () => undefined
      }
    };
    const required: string[] = [];
    const sandboxRequire = (id: string): unknown => {
      required.push(id);
      if (id === 'electron') return fakeElectron;
      throw new Error(`module not found: ${id} (sandboxed preloads can only require electron)`);
    };
    const module = { exports: {} };
    runInNewContext(code, { require: sandboxRequire, module, exports: module.exports, process: { platform: 'linux', env: {} }, console });

    expect(required).toEqual(['electron']);
    expect([...exposed.keys()]).toEqual([PRELOAD_GLOBAL]);
    const api = exposed.get(PRELOAD_GLOBAL)!;
    expect(Object.keys(api).sort()).toEqual([...REQUEST_NAMES, 'onEvent', 'onMenu', 'platform'].sort());
    expect(api.platform).toBe('linux');
    await expect((api['queues.stats'] as (i: unknown) => Promise<unknown>)({ name: 'q' })).resolves.toBe('answer');
    expect(invoked).toEqual([[ipcChannel('queues.stats'), { name: 'q' }]]);
  });
});
