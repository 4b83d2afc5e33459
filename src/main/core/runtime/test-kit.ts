// Test helpers for the runtime: fork the real worker entry (built by test/global-setup.ts), collect
// its messages, and build flow bundles with esbuild the same way flows/compile.ts does.
import { fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { transformSync } from 'esbuild';
import type { FlowBundle, MainToWorker, WorkerToMain, WorkItem } from '../../../shared/worker-protocol';
import { TEST_WORKER_ENTRY } from '../../../../test/paths';

export interface TestWorker {
  child: ChildProcess;
  messages: WorkerToMain[];
  send(msg: MainToWorker): void;
  /** Resolves with the first message (seen so far or later) matching `pred`. */
  waitFor<T extends WorkerToMain>(pred: (m: WorkerToMain) => m is T, timeoutMs?: number): Promise<T>;
  waitFor(pred: (m: WorkerToMain) => boolean, timeoutMs?: number): Promise<WorkerToMain>;
  exited: Promise<number | null>;
  kill(): void;
}

const live = new Set<ChildProcess>();

export async function startWorker(init: Partial<Extract<MainToWorker, { t: 'init' }>> = {}): Promise<TestWorker> {
  const child = fork(TEST_WORKER_ENTRY, [], { serialization: 'advanced', stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  live.add(child);
  const messages: WorkerToMain[] = [];
  const waiters = new Set<() => void>();
  child.on('message', (m) => {
    messages.push(m as WorkerToMain);
    for (const w of [...waiters]) w();
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => (live.delete(child), r(code))));
  const w: TestWorker = {
    child,
    messages,
    exited,
    send: (msg) => child.send(msg),
    kill: () => child.kill('SIGKILL'),
    waitFor: ((pred: (m: WorkerToMain) => boolean, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        let seen = 0;
        const check = () => {
          for (; seen < messages.length; seen++) {
            if (pred(messages[seen])) {
              cleanup();
              return resolve(messages[seen]);
            }
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out after ${timeoutMs} ms waiting for a worker message`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      })) as TestWorker['waitFor']
  };
  await w.waitFor((m) => m.t === 'ready');
  w.send({ t: 'init', workerId: 'w-test', heartbeatMs: 100, maxLogBytes: 256 * 1024, ...init });
  return w;
}

/** Kills every worker started by startWorker (call in afterEach). */
export function killAllWorkers(): void {
  for (const c of live) c.kill('SIGKILL');
  live.clear();
}

let nextFlowId = 1;

export function makeBundle(source: string, opts: { ts?: boolean; flowId?: number; version?: number | null; label?: string } = {}): FlowBundle {
  const label = opts.label ?? (opts.ts ? 'flow.ts' : 'flow.js');
  const flowId = opts.flowId ?? nextFlowId++;
  try {
    const out = transformSync(source, {
      loader: opts.ts ? 'ts' : 'js',
      format: 'cjs',
      target: 'node20',
      platform: 'node',
      sourcemap: 'external',
      sourcefile: label,
      logLevel: 'silent'
    });
    const codeHash = createHash('sha256').update(out.code).digest('hex');
    return { flowId, version: opts.version === undefined ? 1 : opts.version, codeHash, js: out.code, map: out.map, syntaxError: null };
  } catch (e) {
    const codeHash = createHash('sha256').update(source).digest('hex');
    const message = (e as { errors?: Array<{ text: string }> }).errors?.[0]?.text ?? String(e);
    return { flowId, version: opts.version ?? 1, codeHash, js: '', map: null, syntaxError: { code: 'FLOW_SYNTAX_ERROR', message } };
  }
}

let nextKey = 1;

export function makeItem(bundle: FlowBundle | null, over: Partial<WorkItem> & { codeHash?: string } = {}): WorkItem {
  const key = over.key ?? `run:t${nextKey++}`;
  return {
    key,
    kind: 'run',
    flowId: bundle?.flowId ?? 0,
    version: bundle?.version ?? null,
    codeHash: bundle?.codeHash ?? 'none',
    bundle: bundle ?? undefined,
    input: null,
    timeoutMs: 30_000,
    connectTimeoutMs: 10_000,
    facts: { jobId: null, runId: key, attempt: 1, maxAttempts: 1, queue: null, flowName: 'test-flow' },
    ...over
  };
}

export type DoneResult = Extract<WorkerToMain, { t: 'done' }>['results'][number];

/** Waits for the 'done' result of one item key. */
export async function resultOf(w: TestWorker, key: string, timeoutMs = 10_000): Promise<DoneResult> {
  const msg = await w.waitFor(
    (m): m is Extract<WorkerToMain, { t: 'done' }> => m.t === 'done' && m.results.some((r) => r.key === key),
    timeoutMs
  );
  return msg.results.find((r) => r.key === key)!;
}

export function logsOf(w: TestWorker, key: string): string[] {
  return w.messages.flatMap((m) => (m.t === 'log' && m.key === key ? m.lines.map((l) => l.message) : []));
}

/** Runs one item and waits for its result. */
export async function runFlow(w: TestWorker, source: string, over: Partial<WorkItem> = {}, opts: { ts?: boolean } = {}) {
  const item = makeItem(makeBundle(source, opts), over);
  w.send({ t: 'run', items: [item] });
  return { item, result: await resultOf(w, item.key) };
}
