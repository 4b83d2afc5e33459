// The incident on loopback: http.request with req.setTimeout(30000) to a host that drops SYNs (a
// listener with a full accept queue). With the connect timeout it fails CONNECT_TIMEOUT at once; with
// it turned off the job is flagged stalled naming host:port and stopped by its limit, naming both.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../src/shared/domain';
import { startBlackhole, type Blackhole } from '../fixtures/blackhole';
import { startEngine, waitFor, type TestEngine } from './helpers';

const PUBLISH = `import http from 'node:http';
export default async (input) => new Promise((resolve, reject) => {
  const req = http.request({ host: '127.0.0.1', port: input.port, path: '/publish', method: 'POST' }, (res) => {
    res.resume();
    res.on('end', () => resolve(res.statusCode));
  });
  req.setTimeout(30000, () => req.destroy(new Error('idle timeout')));
  req.on('error', reject);
  req.end('{}');
});
`;

async function ended(t: TestEngine, id: number): Promise<Job> {
  return waitFor(async () => {
    const job = await t.engine.handlers['jobs.get']({ id });
    return job.status !== 'pending' && job.status !== 'running' ? job : null;
  }, 15_000, `job ${id} to end`);
}

describe('the incident on loopback', () => {
  let hole: Blackhole;
  let t: TestEngine | null = null;
  beforeAll(async () => {
    hole = await startBlackhole();
  });
  afterAll(() => hole?.close());
  afterEach(async () => {
    await t?.stop();
    t = null;
  });

  it('fails CONNECT_TIMEOUT in about the connect timeout, not at the job limit', async () => {
    t = await startEngine({ warmRunWorkers: 0 });
    const h = t.engine.handlers;
    const flow = await h['flows.create']({ name: 'publish', code: PUBLISH });
    await h['queues.create']({ name: 'pub', flowId: flow.id, maxAttempts: 1, visibilityTimeoutSec: 10, connectTimeoutMs: 500 });
    const job = await h['queues.enqueue']({ name: 'pub', payload: { port: hole.port } });
    const done = await ended(t, job.id);
    expect(done.error?.code).toBe('CONNECT_TIMEOUT');
    expect(done.error?.message).toContain(`127.0.0.1:${hole.port}`);
    expect(done.durationMs).toBeLessThan(5000);
  });

  it('with the connect timeout off: stalled naming host:port while it hangs, then JOB_TIMEOUT naming limit and connect', async () => {
    t = await startEngine({ warmRunWorkers: 0 });
    const h = t.engine.handlers;
    const flow = await h['flows.create']({ name: 'publish', code: PUBLISH });
    await h['queues.create']({ name: 'pub', flowId: flow.id, maxAttempts: 1, visibilityTimeoutSec: 3, hangAfterSec: 1, connectTimeoutMs: 0 });
    const job = await h['queues.enqueue']({ name: 'pub', payload: { port: hole.port } });
    const target = `127.0.0.1:${hole.port}`;
    const flagged = await waitFor(async () => {
      const j = await h['jobs.get']({ id: job.id });
      return j.live?.hang?.kind === 'stalled' ? j : null;
    }, 10_000, 'stalled flag');
    expect(flagged.live!.hang!.reason).toContain(`TCP connect to ${target}`);
    expect(flagged.live!.hang!.pending.some((p) => p.type === 'tcp-connect' && p.target === target)).toBe(true);
    expect(t.events.some((e) => e.type === 'job.live')).toBe(true);
    const done = await ended(t, job.id);
    expect(done.error?.code).toBe('JOB_TIMEOUT');
    expect(done.error?.message).toMatch(new RegExp(`^Stopped after 3 s \\(queue visibility timeout\\); TCP connect to ${target.replace(/\./g, '\\.')} pending for \\d`));
  });
});
