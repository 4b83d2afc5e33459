// Run Now for one flow: start without waiting, follow run.log / run.updated events, then read the
// final state with runs.get (the authoritative logs and result). Events for a run can arrive before
// its id comes back from the start call, so they are buffered per run id meanwhile.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobError, LiveInfo, LogLine, RunStatus, RunSummary } from '../../../shared/domain';
import { api } from '../api';
import { useEvent, useResync } from '../hooks';

export interface RunView {
  runId: string | null;
  status: RunStatus | 'starting';
  /** null: an unsaved draft ran. */
  flowVersion: number | null;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  logs: LogLine[];
  result: unknown;
  error: JobError | null;
  /** Set when the start itself failed (validation, engine stopped). */
  startError: string | null;
  /** While running: hang flag and what the flow is waiting on (e.g. a TCP connect). */
  live: LiveInfo | null;
  /** When `live` was received, to age its pending operations with the renderer's clock. */
  liveAt: number;
}

const SAFETY_READ_MS = 5000;

interface Buffered {
  logs: LogLine[];
  ended: boolean;
}

export interface RunState {
  current: RunView | null;
  recent: RunSummary[];
  running: boolean;
  start(opts: { input: unknown; draftCode?: string; savedVersion: number | null }): Promise<void>;
  cancel(): Promise<void>;
  open(runId: string): Promise<void>;
}

export function useRun(flowId: number): RunState {
  const [current, setCurrent] = useState<RunView | null>(null);
  const [recent, setRecent] = useState<RunSummary[]>([]);
  const buffer = useRef(new Map<string, Buffered>());
  const currentId = useRef<string | null>(null);
  const starting = useRef(false);

  const loadRecent = useCallback(() => {
    api['flows.runs']({ id: flowId, limit: 20 })
      .then(setRecent)
      .catch(() => undefined);
  }, [flowId]);
  useEffect(loadRecent, [loadRecent]);

  const finish = useCallback(async (runId: string) => {
    try {
      const run = await api['runs.get']({ runId });
      if (currentId.current !== runId) return;
      setCurrent((prev) => ({
        runId,
        status: run.status,
        flowVersion: run.flowVersion,
        startedAt: run.startedAt,
        finishedAt: run.finishedAt,
        durationMs: run.durationMs,
        // While running, the event stream owns the log (taking stored lines too would duplicate the
        // ones still in flight); once ended, the stored log is complete and authoritative.
        logs: run.status === 'running' && prev && prev.runId === runId ? prev.logs : run.logs,
        result: run.result,
        error: run.error,
        startError: null,
        live: run.status === 'running' ? run.live : null,
        liveAt: Date.now()
      }));
    } catch {
      /* the run vanished (flow deleted); keep what is shown */
    }
  }, []);

  useEvent('run.log', ({ runId, flowId: fid, lines }) => {
    if (fid !== flowId) return;
    if (runId === currentId.current) {
      setCurrent((prev) => (prev && prev.runId === runId ? { ...prev, logs: [...prev.logs, ...lines] } : prev));
    } else if (starting.current) {
      const b = buffer.current.get(runId) ?? { logs: [], ended: false };
      b.logs.push(...lines);
      buffer.current.set(runId, b);
    }
  });

  useEvent('run.updated', ({ run, live }) => {
    if (run.flowId !== flowId) return;
    const ended = run.status !== 'running';
    if (ended) loadRecent();
    if (run.runId === currentId.current) {
      if (ended) void finish(run.runId);
      else setCurrent((prev) => (prev && prev.runId === run.runId ? { ...prev, live, liveAt: Date.now() } : prev));
    } else if (starting.current && ended) {
      const b = buffer.current.get(run.runId) ?? { logs: [], ended: false };
      b.ended = true;
      buffer.current.set(run.runId, b);
    }
  });

  useResync(() => {
    loadRecent();
    if (currentId.current) void finish(currentId.current);
  });

  const start = useCallback<RunState['start']>(
    async ({ input, draftCode, savedVersion }) => {
      buffer.current.clear();
      starting.current = true;
      currentId.current = null;
      const startedAt = new Date().toISOString();
      setCurrent({
        runId: null,
        status: 'starting',
        flowVersion: draftCode === undefined ? savedVersion : null,
        startedAt,
        finishedAt: null,
        durationMs: null,
        logs: [],
        result: undefined,
        error: null,
        startError: null,
        live: null,
        liveAt: 0
      });
      try {
        const res = await api['flows.run']({
          id: flowId,
          ...(input === undefined ? {} : { input }),
          ...(draftCode === undefined ? {} : { code: draftCode }),
          wait: false
        });
        const runId = res.runId;
        currentId.current = runId;
        const early = buffer.current.get(runId);
        setCurrent((prev) =>
          prev && {
            ...prev,
            runId,
            status: 'running',
            startedAt: res.startedAt ?? prev.startedAt,
            logs: early?.logs ?? []
          }
        );
        // Finished before we knew its id, or answered already finished: read the final state now.
        if (early?.ended || (res.status && res.status !== 'running')) await finish(runId);
      } catch (e) {
        setCurrent((prev) => prev && { ...prev, status: 'failed', startError: (e as Error).message });
      } finally {
        starting.current = false;
        buffer.current.clear();
      }
    },
    [flowId, finish]
  );

  const cancel = useCallback(async () => {
    const runId = currentId.current;
    if (!runId) return;
    try {
      await api['runs.cancel']({ runId });
    } catch {
      /* already finished: the final state arrives by event */
    }
    await finish(runId);
  }, [finish]);

  const open = useCallback(
    async (runId: string) => {
      currentId.current = runId;
      await finish(runId);
    },
    [finish]
  );

  const running = current !== null && (current.status === 'running' || current.status === 'starting');

  // Events drive the panel; this slow read is only a net for an end event lost with a dropped stream.
  const followId = current?.status === 'running' ? current.runId : null;
  useEffect(() => {
    if (!followId) return;
    const t = setInterval(() => void finish(followId), SAFETY_READ_MS);
    return () => clearInterval(t);
  }, [followId, finish]);

  return { current, recent, running, start, cancel, open };
}
