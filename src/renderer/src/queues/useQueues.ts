// Queues and flows as the queues view shows them, kept live: queue.updated/deleted, flow.saved and
// flow.deleted patch the lists; queue.stats keeps each queue's counts; 'resync' re-reads everything.
import { useCallback, useEffect, useState } from 'react';
import type { FlowSummary, Queue, QueueStats } from '../../../shared/domain';
import { api } from '../api';
import { useEvent, useResync } from '../hooks';

export interface QueuesData {
  queues: Queue[] | null;
  flows: FlowSummary[] | null;
  counts: Record<string, QueueStats['counts']>;
  error: string | null;
  reload: () => void;
  /** Put a queue the view just created or changed in place without waiting for its event. */
  upsert: (q: Queue) => void;
}

const byName = (a: Queue, b: Queue): number => a.name.localeCompare(b.name);

export function useQueues(): QueuesData {
  const [queues, setQueues] = useState<Queue[] | null>(null);
  const [flows, setFlows] = useState<FlowSummary[] | null>(null);
  const [counts, setCounts] = useState<Record<string, QueueStats['counts']>>({});
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(() => {
    api['flows.list']({}).then(setFlows, (e: Error) => setError(e.message));
    api['queues.list']({}).then(
      (list) => {
        setQueues([...list].sort(byName));
        setError(null);
        for (const q of list) {
          api['queues.stats']({ name: q.name }).then(
            (s) => setCounts((c) => ({ ...c, [q.name]: s.counts })),
            () => undefined
          );
        }
      },
      (e: Error) => setError(e.message)
    );
  }, []);

  useEffect(reload, [reload]);
  useResync(reload);

  const upsert = useCallback((q: Queue) => {
    setQueues((list) => [...(list ?? []).filter((x) => x.name !== q.name), q].sort(byName));
  }, []);

  useEvent('queue.updated', ({ queue }) => upsert(queue));
  useEvent('queue.deleted', ({ name }) => setQueues((list) => list?.filter((q) => q.name !== name) ?? list));
  useEvent('queue.stats', (s) => setCounts((c) => ({ ...c, [s.queue]: s.counts })));
  useEvent('flow.saved', ({ flow }) =>
    setFlows((list) => {
      const rest = (list ?? []).filter((f) => f.id !== flow.id);
      return [...rest, flow].sort((a, b) => a.name.localeCompare(b.name));
    })
  );
  useEvent('flow.deleted', ({ id }) => setFlows((list) => list?.filter((f) => f.id !== id) ?? list));

  return { queues, flows, counts, error, reload, upsert };
}
