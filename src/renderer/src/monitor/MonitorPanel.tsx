// The live monitor of one queue: stats and chart, workers, running jobs, the virtualised jobs list
// and the selected job's detail. Everything arrives by events; 'resync' re-fetches each part.
import { memo, useCallback, useMemo, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore, type JSX } from 'react';
import type { Job, JobRow, Queue } from '../../../shared/domain';
import { api, errorCode } from '../api';
import { useEvent, useResync } from '../hooks';
import { JobDetail } from './JobDetail';
import { JobRowsStore } from './job-rows-store';
import { JobsList } from './JobsList';
import { RunningJobs } from './RunningJobs';
import { StatsPanel } from './StatsPanel';
import { useQueueStats } from './useQueueStats';
import { useRunningJobs } from './useRunningJobs';
import { useWorkers } from './useWorkers';
import { WorkersTable } from './WorkersTable';
import './monitor.css';

interface Props {
  queue: Queue;
  /** The bound flow's current version, to mark workers that lag it. */
  currentFlowVersion: number | null;
}

export const MonitorPanel = memo(function MonitorPanel({ queue, currentFlowVersion }: Props): JSX.Element {
  const name = queue.name;
  const [store] = useState(() => {
    // Benchmark hook: first render runs from here to the first committed page of rows.
    performance.mark('monitor:mount');
    return new JobRowsStore((q) => api['queues.jobRows']({ name, ...q }), undefined);
  });
  const snap = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const firstMeasured = useRef(false);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [cancelError, setCancelError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState<ReadonlySet<number>>(() => new Set());
  const stats = useQueueStats(name);
  const workers = useWorkers();
  const running = useRunningJobs(name, workers.workers);
  const runningVersions = useMemo(() => new Map(running.rows.map((r) => [r.id, r.lastFlowVersion])), [running.rows]);

  useEffect(() => {
    store.activate();
    return () => store.dispose();
  }, [store]);
  useLayoutEffect(() => {
    if (!firstMeasured.current && snap.total !== null) {
      firstMeasured.current = true;
      performance.measure('monitor:first-render', 'monitor:mount');
    }
  });

  useEvent('job.updated', ({ jobs }) => {
    const mine = jobs.filter((j) => j.queue === name);
    if (mine.length > 0) store.applyUpdates(mine);
  });
  useResync(() => void store.reload());

  // "Cancelling…" from the click until the answer; a running job stays so until it leaves the table.
  const cancel = useCallback(
    (id: number): void => {
      setCancelError(null);
      setCancelling((s) => new Set(s).add(id));
      const done = (): void =>
        setCancelling((s) => {
          const next = new Set(s);
          next.delete(id);
          return next;
        });
      api['jobs.cancel']({ id }).then(
        (job) => {
          // A finished answer refreshes the row at once; a running one is left to job.updated.
          if (job.status !== 'running') {
            store.applyUpdates([jobToRow(job)]);
            done();
          }
        },
        (e: Error) => {
          done();
          setCancelError(errorCode(e) === 'JOB_NOT_CANCELLABLE' ? `Job #${id} had already finished.` : e.message);
        }
      );
    },
    [store]
  );

  // At 720p the forms, stats and live tables above leave little room: opening a job scrolls the
  // pane so the jobs list and the detail start at its top (the detail then scrolls on its own).
  const bottomRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = bottomRef.current;
    const pane = el?.closest<HTMLElement>('.q-main');
    if (selectedId === null || !el || !pane) return;
    const top = el.getBoundingClientRect().top - pane.getBoundingClientRect().top;
    if (top > pane.clientHeight * 0.4) pane.scrollTop += top;
  }, [selectedId]);

  return (
    <div className="mon" aria-label={`Monitor of ${name}`} role="region">
      <StatsPanel state={stats} />
      <div className="mon-live">
        <WorkersTable queue={name} state={workers} currentVersion={currentFlowVersion} runningVersions={runningVersions} />
        <RunningJobs state={running} selectedId={selectedId} onSelect={setSelectedId} onCancel={cancel} cancelling={cancelling} />
        {cancelError && <p className="message message-error" role="alert">{cancelError}</p>}
      </div>
      <div ref={bottomRef} className={`mon-bottom${selectedId !== null ? ' has-detail' : ''}`}>
        <JobsList store={store} selectedId={selectedId} onSelect={setSelectedId} />
        {selectedId !== null && <JobDetail key={selectedId} id={selectedId} onClose={() => setSelectedId(null)} />}
      </div>
    </div>
  );
});

function jobToRow(job: Job): JobRow {
  const last = job.attempts[job.attempts.length - 1];
  return {
    id: job.id,
    queue: job.queue,
    status: job.status,
    attemptsMade: job.attempts.length,
    lastFlowVersion: last?.flowVersion ?? null,
    createdAt: job.createdAt,
    runAt: job.runAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    durationMs: job.durationMs,
    errorCode: job.error?.code ?? null,
    leaseExpiresAt: null
  };
}
