// Running jobs of one queue with their live facts (hang flag, pending operations). Rows come from
// queues.jobRows (status running) and then from job.updated events, applied once per frame; the hang
// flag from job.hang events the moment the engine raises it. Elapsed time is not stored here: the
// table derives it from startedAt with the one clock.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Hang, JobRow, LiveInfo, WorkerInfo } from '../../../shared/domain';
import { api } from '../api';
import { useEvent, useResync } from '../hooks';

export interface LiveFacts {
  hang: Hang | null;
  live: LiveInfo | null;
  /** When the facts arrived: ages in them grow by (now - receivedAt). */
  receivedAt: number;
}

export interface RunningJobsState {
  rows: JobRow[];
  live: Map<number, LiveFacts>;
  loaded: boolean;
}

const SEED_LIVE_MAX = 20;
const PUBLISH_GAP_MS = 250;

export function useRunningJobs(queue: string, workers: WorkerInfo[]): RunningJobsState {
  const rowsRef = useRef(new Map<number, JobRow>());
  const liveRef = useRef(new Map<number, LiveFacts>());
  const [state, setState] = useState<RunningJobsState>({ rows: [], live: new Map(), loaded: false });
  const frame = useRef<number | null>(null);
  const queueRef = useRef(queue);
  queueRef.current = queue;

  // At most one render per PUBLISH_GAP_MS: with 50 jobs running, job.live and job.updated arrive
  // dozens of times a second, and each frame that changes the DOM costs a paint of the page.
  const lastPublish = useRef(0);
  const publish = useCallback((loaded = true) => {
    if (frame.current !== null) return;
    const wait = Math.max(0, lastPublish.current + PUBLISH_GAP_MS - performance.now());
    frame.current = window.setTimeout(() => {
      requestAnimationFrame(() => {
        frame.current = null;
        lastPublish.current = performance.now();
        // Newest first, as everywhere in the monitor.
        const rows = [...rowsRef.current.values()].sort((a, b) => b.id - a.id);
        setState({ rows, live: new Map(liveRef.current), loaded });
      });
    }, wait);
  }, []);

  const load = useCallback(async () => {
    const name = queueRef.current;
    const answer = await api['queues.jobRows']({ name, status: 'running', limit: 1000 }).catch(() => null);
    if (!answer || name !== queueRef.current) return;
    rowsRef.current = new Map(answer.rows.map((r) => [r.id, r]));
    publish();
    // Seed hang flags raised before this panel opened (events only tell us about new ones).
    for (const row of answer.rows.slice(0, SEED_LIVE_MAX)) {
      api['jobs.get']({ id: row.id }).then((job) => {
        if (job.live && job.status === 'running' && !liveRef.current.has(job.id)) {
          liveRef.current.set(job.id, { hang: job.live.hang, live: job.live, receivedAt: Date.now() });
          publish();
        }
      }, () => undefined);
    }
  }, [publish]);

  useEffect(() => {
    rowsRef.current = new Map();
    liveRef.current = new Map();
    setState({ rows: [], live: new Map(), loaded: false });
    void load();
    return () => {
      if (frame.current !== null) clearTimeout(frame.current);
      frame.current = null;
    };
  }, [queue, load]);

  // A worker reports the hang of its job too: covers flags raised before we subscribed.
  useEffect(() => {
    let changed = false;
    for (const w of workers) {
      if (w.queue !== queue || !w.hang || w.currentJobIds.length !== 1) continue;
      const id = w.currentJobIds[0];
      if (rowsRef.current.has(id) && !liveRef.current.get(id)?.hang) {
        liveRef.current.set(id, { hang: w.hang, live: liveRef.current.get(id)?.live ?? null, receivedAt: Date.now() });
        changed = true;
      }
    }
    if (changed) publish();
  }, [workers, queue, publish]);

  useEvent('job.updated', ({ jobs }) => {
    let changed = false;
    for (const row of jobs) {
      if (row.queue !== queueRef.current) continue;
      changed = true;
      if (row.status === 'running') {
        const before = rowsRef.current.get(row.id);
        // A new attempt (retry) starts with a clean slate.
        if (before && before.startedAt !== row.startedAt) liveRef.current.delete(row.id);
        rowsRef.current.set(row.id, row);
      } else {
        rowsRef.current.delete(row.id);
        liveRef.current.delete(row.id);
      }
    }
    if (changed) publish();
  });

  useEvent('job.hang', ({ jobId, queue: q, hang, live }) => {
    if (q !== queueRef.current) return;
    liveRef.current.set(jobId, { hang, live, receivedAt: Date.now() });
    publish();
  });

  useEvent('job.live', ({ jobId, queue: q, live }) => {
    if (q !== queueRef.current) return;
    liveRef.current.set(jobId, { hang: live.hang, live, receivedAt: Date.now() });
    publish();
  });

  useResync(() => void load());
  return state;
}
