// Live worker processes: workers.list once, then the full list from every workers.updated event
// (it is short). A slow poll keeps memory figures fresh; ages tick on the one clock from receivedAt.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { WorkerInfo } from '../../../shared/domain';
import { api } from '../api';
import { useEvent, useResync } from '../hooks';

const POLL_MS = 5000;
const THROTTLE_MS = 250;

export interface WorkersState {
  workers: WorkerInfo[];
  receivedAt: number;
  loaded: boolean;
}

export function useWorkers(): WorkersState {
  const [state, setState] = useState<WorkersState>({ workers: [], receivedAt: 0, loaded: false });
  // workers.updated arrives many times a second while jobs churn; render the latest list at most
  // every THROTTLE_MS (the table shows states and versions, not sub-second detail).
  const latest = useRef<WorkerInfo[] | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastAt = useRef(0);
  const accept = useCallback((workers: WorkerInfo[]) => {
    latest.current = workers;
    if (timer.current) return;
    const wait = Math.max(0, lastAt.current + THROTTLE_MS - Date.now());
    timer.current = setTimeout(() => {
      timer.current = null;
      lastAt.current = Date.now();
      setState({ workers: latest.current ?? [], receivedAt: Date.now(), loaded: true });
    }, wait);
  }, []);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  const refresh = useCallback(() => {
    api['workers.list']({}).then(accept, () => undefined);
  }, [accept]);

  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, POLL_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  useEvent('workers.updated', (data) => accept(data.workers));
  useEvent('workers.reloaded', refresh);
  useResync(refresh);
  return state;
}
