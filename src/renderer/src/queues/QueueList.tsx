// The queues sidebar: name, bound flow, enabled, counts. Items are buttons (keyboard reachable);
// an empty list says what to do next.
import type { JSX } from 'react';
import type { FlowSummary, Queue, QueueStats } from '../../../shared/domain';

interface Props {
  queues: Queue[] | null;
  flows: FlowSummary[] | null;
  counts: Record<string, QueueStats['counts']>;
  selected: string | null;
  onSelect: (name: string) => void;
  onNew: () => void;
}

export function QueueList({ queues, flows, counts, selected, onSelect, onNew }: Props): JSX.Element {
  const flowName = (id: number): string => flows?.find((f) => f.id === id)?.name ?? `flow #${id}`;
  return (
    <nav className="q-list" aria-label="Queues">
      <div className="panel-header">
        <span className="panel-title">Queues</span>
        <span className="spacer" />
        <button type="button" className="btn" onClick={onNew} disabled={flows !== null && flows.length === 0}>
          New queue
        </button>
      </div>
      {queues === null && <p className="faint q-list-note">Loading queues…</p>}
      {queues !== null && queues.length === 0 && (
        <div className="empty-state">
          <strong>No queues yet</strong>
          {flows !== null && flows.length === 0 ? (
            <span>Create a flow first, then a queue bound to it.</span>
          ) : (
            <span>Create one bound to a flow with “New queue”.</span>
          )}
        </div>
      )}
      <ul className="list">
        {queues?.map((q) => {
          const c = counts[q.name];
          return (
            <li key={q.name}>
              <button
                type="button"
                className={`q-item${q.name === selected ? ' is-selected' : ''}`}
                aria-current={q.name === selected ? 'true' : undefined}
                aria-label={`Queue ${q.name}`}
                onClick={() => onSelect(q.name)}
              >
                <span className="q-item-line">
                  <span className="mono q-item-name">{q.name}</span>
                  {!q.enabled && <span className="badge">disabled</span>}
                </span>
                <span className="q-item-line faint">
                  <span>{flowName(q.flowId)}</span>
                  <span className="spacer" />
                  <span className="q-item-counts">{c ? countsText(c) : '—'}</span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** "3 pending · 1 running · 2 failed": the counts that need attention, and "idle" when none. */
function countsText(c: QueueStats['counts']): string {
  const parts: string[] = [];
  if (c.pending) parts.push(`${c.pending.toLocaleString()} pending`);
  if (c.running) parts.push(`${c.running} running`);
  if (c.failed) parts.push(`${c.failed.toLocaleString()} failed`);
  return parts.length ? parts.join(' · ') : `idle · ${c.succeeded.toLocaleString()} done`;
}
