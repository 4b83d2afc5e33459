// Runtime figures (issue 4): Run Now call-to-first-log latency (warm worker and cold start), delay from
// a blocked event loop to the 'blocked' flag, and from a job's time limit to its process being gone.
import { isProcessAlive } from '../src/main/core/data-lock';
import { line, ms, nextEvent, percentile, waitFor, withEngine } from './util';

const LOGS_AT_ONCE = "export default async (input, ctx) => { ctx.log('first'); return input; };\n";

export async function runNowLatency(runs: number): Promise<void> {
  await withEngine(async (engine) => {
    const h = engine.handlers;
    const flow = await h['flows.create']({ name: 'logger', code: LOGS_AT_ONCE });
    await waitFor(async () => (await h['workers.list']({})).some((w) => w.queue === null && w.state === 'idle'), 10_000, 'a warm Run Now worker');
    const warm: number[] = [];
    for (let i = 0; i < runs; i++) warm.push(await firstLogLatency(engine, flow.id));
    line(`Run Now → first log line, warm worker (${runs} runs): p50`, ms(percentile(warm, 50)));
    line('Run Now → first log line, warm worker: p99', ms(percentile(warm, 99)), '≤ 50 ms');
  });
  await withEngine(
    async (engine) => {
      const flow = await engine.handlers['flows.create']({ name: 'logger', code: LOGS_AT_ONCE });
      line('Run Now → first log line, cold (no warm worker: spawn included)', ms(await firstLogLatency(engine, flow.id)), '≤ 300 ms');
    },
    { warmRunWorkers: 0 }
  );
}

async function firstLogLatency(engine: Parameters<Parameters<typeof withEngine>[0]>[0], flowId: number): Promise<number> {
  const t0 = performance.now();
  let runId = '';
  const first = nextEvent(engine, 'run.log', (d) => runId === '' || d.runId === runId);
  const run = await engine.handlers['flows.run']({ id: flowId, input: { n: 1 }, wait: false } as never);
  runId = run.runId;
  const { at } = await first;
  await waitFor(async () => (await engine.handlers['runs.get']({ runId })).status !== 'running', 10_000, 'run end', 2);
  return at - t0;
}

export async function hangAndTimeout(): Promise<void> {
  await withEngine(async (engine) => {
    const h = engine.handlers;
    // Blocks its event loop at once: the flag can only come from the heartbeats' absence. Measured
    // from the attempt's claim (startedAt, before the item even reaches the worker): an upper bound.
    const blocker = await h['flows.create']({ name: 'blocker', code: 'export default async () => { for (;;) {} };\n' });
    await h['queues.create']({ name: 'blocked', flowId: blocker.id, visibilityTimeoutSec: 3 } as never);
    const flagged = nextEvent(engine, 'job.hang', (d) => d.hang?.kind === 'blocked');
    await h['queues.enqueue']({ name: 'blocked', payload: null } as never);
    const flag = await flagged;
    const claimed = await h['jobs.get']({ id: flag.data.jobId });
    line('job claimed → "blocked" flag (event loop stuck from the first line)', ms(flag.wall - Date.parse(claimed.startedAt!)), '≤ 1 s');

    // Time limit → process gone: the job's worker pid must stop existing.
    const workers = await h['workers.list']({});
    const w = workers.find((x) => x.queue === 'blocked' && x.currentJobIds.length > 0);
    const job = await h['jobs.get']({ id: flag.data.jobId });
    const deadline = Date.parse(job.startedAt!) + 3000;
    const pid = w?.pid;
    await waitFor(() => pid == null || !isProcessAlive(pid), 20_000, 'the blocked worker to be gone', 5);
    line('time limit (3 s) passed → worker process gone', ms(Date.now() - deadline), 'a few s at most');
    const done = await h['jobs.get']({ id: flag.data.jobId });
    line('attempt 1 ended with', `${done.attempts[0]?.error?.code ?? '(none)'}: ${done.attempts[0]?.error?.message ?? ''}`.slice(0, 110));
  });
}

