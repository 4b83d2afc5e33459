// The stress run the story asks for: thousands of jobs while the flow is saved every few ms. Each
// version's code returns its own version number, so a job's result says which code actually ran;
// the attempt row says which version was current when it was claimed. A stale run is any attempt
// whose code is older than its claim. It must be 0.
import { line, waitFor, withEngine } from './util';

const code = (v: number): string => `export default async () => ({ ranVersion: ${v} });\n`;

export async function staleStress(jobs: number, saveEveryMs: number): Promise<void> {
  await withEngine(
    async (engine) => {
      const h = engine.handlers;
      const flow = await h['flows.create']({ name: 'stress', code: code(1) });
      await h['queues.create']({ name: 'stress', flowId: flow.id, concurrency: 8 } as never);
      let version = 1;
      let saving = true;
      const saver = (async () => {
        while (saving) {
          const r = await h['flows.save']({ id: flow.id, code: code(version + 1), expectedVersion: version });
          version = r.version;
          await new Promise((res) => setTimeout(res, saveEveryMs));
        }
      })();
      for (let i = 0; i < jobs; i++) {
        await h['queues.enqueue']({ name: 'stress', payload: i } as never);
        if (i % 50 === 0) await new Promise((res) => setImmediate(res));
      }
      await waitFor(async () => (await h['queues.stats']({ name: 'stress' })).counts.succeeded >= jobs, 120_000, 'stress jobs', 20);
      saving = false;
      await saver;

      let stale = 0;
      let attempts = 0;
      let before: number | undefined;
      for (;;) {
        const page = await h['queues.jobs']({ name: 'stress', limit: 1000, before } as never);
        if (page.length === 0) break;
        for (const job of page) {
          for (const a of job.attempts) attempts++;
          const last = job.attempts[job.attempts.length - 1];
          const ran = (job.result as { ranVersion: number }).ranVersion;
          if (ran < last.flowVersion) stale++;
        }
        before = page[page.length - 1].id;
      }
      line(`stress: ${jobs} jobs, ${version - 1} saves (one every ~${saveEveryMs} ms), ${attempts} attempts`, '');
      line('attempts that ran a version older than the one current at claim', String(stale), '0');
    },
    { warmRunWorkers: 0 }
  );
}
