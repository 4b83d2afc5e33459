// Save-to-all-workers-acknowledged latency with 4 queue workers, as the save's own reload report
// measures it, plus idle worker memory and its growth after 1,000 reloads.
import { line, mb, ms, percentile, waitFor, withEngine } from './util';

const code = (n: number): string => `// save ${n}\nexport default async () => ${n};\n`;

export async function reloadLatency(saves: number, reloadsForMemory: number): Promise<void> {
  await withEngine(
    async (engine) => {
      const h = engine.handlers;
      const flow = await h['flows.create']({ name: 'reloaded', code: code(0) });
      // Four queues at concurrency 1 each: exactly four queue worker processes bound to this flow.
      for (const q of ['r1', 'r2', 'r3', 'r4']) await h['queues.create']({ name: q, flowId: flow.id } as never);
      const queueWorkers = async () => (await h['workers.list']({})).filter((w) => w.queue !== null && w.pid !== null && w.state !== 'starting');
      await waitFor(async () => (await queueWorkers()).length >= 4, 15_000, 'four queue workers');

      const reported: number[] = [];
      const wall: number[] = [];
      let acked = 0;
      let workers = 0;
      for (let i = 1; i <= saves; i++) {
        const t0 = performance.now();
        const r = await h['flows.save']({ id: flow.id, code: code(i) });
        wall.push(performance.now() - t0);
        reported.push(r.reload.ms);
        acked += r.reload.acked;
        workers += r.reload.workers;
      }
      line(`save → all workers acked (${saves} saves, ${workers / saves} workers): p50`, ms(percentile(reported, 50)));
      line('save → all workers acked: p99', ms(percentile(reported, 99)), '≤ 20 ms');
      line('save call wall time incl. compile + commit: p50 / p99', `${ms(percentile(wall, 50))} / ${ms(percentile(wall, 99))}`);
      line('acks received / expected', `${acked} / ${workers}`);

      const rss = async () => (await queueWorkers()).map((w) => w.rssBytes ?? 0);
      await new Promise((r) => setTimeout(r, 600)); // let a heartbeat carry fresh RSS figures
      const before = await rss();
      for (let i = 0; i < reloadsForMemory; i++) await h['flows.save']({ id: flow.id, code: code(saves + 1 + i) });
      await new Promise((r) => setTimeout(r, 600));
      const after = await rss();
      const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
      line('idle queue worker RSS (mean of 4)', mb(avg(before)));
      line(`worker RSS after ${reloadsForMemory} more reloads (mean)`, `${mb(avg(after))} (growth ${mb(avg(after) - avg(before))})`);
    },
    { warmRunWorkers: 0 }
  );
}
