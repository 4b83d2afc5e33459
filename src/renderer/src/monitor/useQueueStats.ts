// Stats of one queue: the latest numbers plus a rolling history for the live chart. Fed by
// queue.stats events and a periodic fetch (the engine only pushes when something changed, and the
// chart should keep moving — throughput decays — even when the queue is quiet).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { QueueStats } from '../../../shared/domain';
import { api } from '../api';
import { useEvent, useResync } from '../hooks';
import { addSample, type StatsSample } from './stats-history';

const POLL_MS = 5000;

export interface QueueStatsState {
  stats: QueueStats | null;
  /** When `stats` arrived (Date.now()), to age oldestPendingAgeMs on the one clock. */
  receivedAt: number;
  history: StatsSample[];
  error: string | null;
}

export function useQueueStats(queue: string): QueueStatsState & { refresh: () => void } {
  const [state, setState] = useState<QueueStatsState>({ stats: null, receivedAt: 0, history: [], error: null });
  const current = useRef(queue);
  current.current = queue;

  const accept = useCallback((stats: QueueStats) => {
    if (stats.queue !== current.current) return;
    const t = Date.now();
    setState((s) => ({ stats, receivedAt: t, history: addSample(s.history, stats, t), error: null }));
  }, []);

  const refresh = useCallback(() => {
    const name = current.current;
    api['queues.stats']({ name }).then(accept, (e: Error) => {
      if (name === current.current) setState((s) => ({ ...s, error: e.message }));
    });
  }, [accept]);

  useEffect(() => {
    setState({ stats: null, receivedAt: 0, history: [], error: null });
    refresh();
    const timer = setInterval(refresh, POLL_MS);
    return () => clearInterval(timer);
  }, [queue, refresh]);

  useEvent('queue.stats', accept);
  useResync(refresh);
  return { ...state, refresh };
}
