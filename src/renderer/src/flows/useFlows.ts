// The flow list, kept current by events: creates, renames and saves arrive as flow.saved, deletes as
// flow.deleted; after a dropped connection the whole list is fetched again.
import { useCallback, useEffect, useState } from 'react';
import type { FlowSummary } from '../../../shared/domain';
import { api } from '../api';
import { useEvent, useResync } from '../hooks';

export interface FlowsState {
  flows: FlowSummary[] | null;
  error: string | null;
  reload(): void;
  upsert(flow: FlowSummary): void;
  remove(id: number): void;
}

const byName = (a: FlowSummary, b: FlowSummary): number => a.name.localeCompare(b.name);

export function useFlows(): FlowsState {
  const [flows, setFlows] = useState<FlowSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(() => {
    api['flows.list']({})
      .then((list) => {
        setFlows([...list].sort(byName));
        setError(null);
      })
      .catch((e: Error) => setError(e.message));
  }, []);

  const upsert = useCallback((flow: FlowSummary) => {
    setFlows((prev) => {
      const list = prev ?? [];
      const old = list.find((f) => f.id === flow.id);
      // Events and answers can cross: never let an older version replace a newer one.
      if (old && old.version > flow.version) return list;
      return [...list.filter((f) => f.id !== flow.id), summary(flow)].sort(byName);
    });
  }, []);

  const remove = useCallback((id: number) => setFlows((prev) => (prev ? prev.filter((f) => f.id !== id) : prev)), []);

  useEffect(reload, [reload]);
  useResync(reload);
  useEvent('flow.saved', ({ flow }) => upsert(flow));
  useEvent('flow.deleted', ({ id }) => remove(id));

  return { flows, error, reload, upsert, remove };
}

function summary(f: FlowSummary): FlowSummary {
  return { id: f.id, name: f.name, language: f.language, version: f.version, updatedAt: f.updatedAt };
}
