// The jobs list's paging store with a real in-memory job table behind the fetch function: pages by
// offset, in-place patches from events, and a coalesced refresh when unseen jobs arrive.
import { describe, expect, it } from 'vitest';
import type { JobRow, JobStatus } from '../../../shared/domain';
import { JobRowsStore, PAGE_SIZE, type FetchRows } from './job-rows-store';

function row(id: number, status: JobStatus = 'pending'): JobRow {
  const t = new Date(1_700_000_000_000 + id).toISOString();
  return { id, queue: 'q', status, attemptsMade: 0, lastFlowVersion: null, createdAt: t, runAt: t, startedAt: null, finishedAt: null, durationMs: null, errorCode: null, leaseExpiresAt: null };
}

function table(n: number): { rows: JobRow[]; calls: { offset: number; status?: JobStatus }[]; fetch: FetchRows } {
  const rows = Array.from({ length: n }, (_, i) => row(i + 1));
  const calls: { offset: number; status?: JobStatus }[] = [];
  const fetch: FetchRows = async ({ status, offset, limit }) => {
    calls.push({ offset, status });
    const matching = rows.filter((r) => !status || r.status === status).sort((a, b) => b.id - a.id);
    return { total: matching.length, rows: matching.slice(offset, offset + limit).map((r) => ({ ...r })) };
  };
  return { rows, calls, fetch };
}

const now = (fn: () => void): void => fn();
const until = async (cond: () => boolean, ms = 3000): Promise<void> => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('JobRowsStore', () => {
  it('loads only the pages in view, newest first', async () => {
    const t = table(100_000);
    const store = new JobRowsStore(t.fetch, undefined, now);
    store.ensureRange(0, 40);
    await until(() => store.getSnapshot().total !== null);
    expect(store.getSnapshot().total).toBe(100_000);
    expect(store.rowAt(0)?.id).toBe(100_000);
    expect(t.calls).toEqual([{ offset: 0, status: undefined }]);
    store.ensureRange(50_000, 50_030);
    await until(() => store.rowAt(50_000) !== undefined);
    expect(store.rowAt(50_000)?.id).toBe(50_000);
    expect(t.calls.length).toBe(2);
    expect(t.calls[1].offset).toBe(Math.floor(50_000 / PAGE_SIZE) * PAGE_SIZE);
  });

  it('patches loaded rows in place from events without refetching', async () => {
    const t = table(500);
    const store = new JobRowsStore(t.fetch, undefined, now);
    store.ensureRange(0, 30);
    await until(() => store.rowAt(0) !== undefined);
    const v = store.getSnapshot().version;
    store.applyUpdates([{ ...row(499), status: 'running' }, { ...row(498), status: 'succeeded' }]);
    expect(store.rowAt(1)?.status).toBe('running');
    expect(store.rowAt(2)?.status).toBe('succeeded');
    expect(store.getSnapshot().version).toBeGreaterThan(v);
    expect(t.calls.length).toBe(1);
  });

  it('refreshes the visible pages once for a burst of new jobs', async () => {
    const t = table(10);
    const store = new JobRowsStore(t.fetch, undefined, now);
    store.ensureRange(0, 30);
    await until(() => store.getSnapshot().total === 10);
    for (let id = 11; id <= 30; id++) {
      t.rows.push(row(id));
      store.applyUpdates([row(id)]);
    }
    await until(() => store.getSnapshot().total === 30);
    expect(store.rowAt(0)?.id).toBe(30);
    expect(t.calls.length).toBe(2);
    store.dispose();
  });

  it('a filter change reads the filtered total and first page', async () => {
    const t = table(1000);
    t.rows.forEach((r) => (r.status = r.id % 10 === 0 ? 'failed' : 'succeeded'));
    const store = new JobRowsStore(t.fetch, undefined, now);
    store.ensureRange(0, 30);
    await until(() => store.getSnapshot().total === 1000);
    await store.setFilter('failed');
    expect(store.getSnapshot().total).toBe(100);
    expect(store.rowAt(0)?.id).toBe(1000);
    expect(store.rowAt(1)?.id).toBe(990);
  });
});
