// The queues area: the list of queues on the left; on the right the selected queue's header
// (enable, edit, purge), the enqueue form and its live monitor — or the create/edit form.
import { Fragment, useEffect, useRef, useState, type JSX } from 'react';
import type { Queue } from '../../../shared/domain';
import { MonitorPanel } from '../monitor/MonitorPanel';
import { EnqueueForm } from './EnqueueForm';
import { QueueForm } from './QueueForm';
import { QueueHeader } from './QueueHeader';
import { QueueList } from './QueueList';
import { useQueues } from './useQueues';
import './queues.css';

type Mode = { kind: 'monitor' } | { kind: 'create' } | { kind: 'edit'; queue: Queue };

export function QueuesView(): JSX.Element {
  const data = useQueues();
  const [selected, setSelected] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode>({ kind: 'monitor' });
  const queue = data.queues?.find((q) => q.name === selected) ?? null;

  // Keep a selection: the first queue when none is chosen or the chosen one was deleted.
  useEffect(() => {
    if (!data.queues) return;
    if (!selected || !data.queues.some((q) => q.name === selected)) setSelected(data.queues[0]?.name ?? null);
  }, [data.queues, selected]);

  const mainRef = useRef<HTMLElement>(null);
  const [focusHeading, setFocusHeading] = useState(0);
  const saved = (q: Queue): void => {
    data.upsert(q);
    setSelected(q.name);
    setMode({ kind: 'monitor' });
    setFocusHeading((n) => n + 1);
  };
  // After Create / Save the form is gone: focus the queue's heading instead of the page body.
  useEffect(() => {
    if (focusHeading > 0) mainRef.current?.querySelector<HTMLElement>('[data-queue-heading]')?.focus();
  }, [focusHeading]);
  const flow = queue ? data.flows?.find((f) => f.id === queue.flowId) : undefined;

  return (
    <div className="q-view">
      <QueueList
        queues={data.queues}
        flows={data.flows}
        counts={data.counts}
        selected={mode.kind === 'create' ? null : selected}
        onSelect={(name) => {
          setSelected(name);
          setMode({ kind: 'monitor' });
        }}
        onNew={() => setMode({ kind: 'create' })}
      />
      <section className="q-main" aria-label="Queue" ref={mainRef}>
        {data.error && <p className="message message-error" role="alert">Could not load queues: {data.error}</p>}
        {mode.kind === 'create' && data.flows && (
          <QueueForm flows={data.flows} onSaved={saved} onCancel={() => setMode({ kind: 'monitor' })} />
        )}
        {mode.kind === 'edit' && data.flows && (
          <QueueForm queue={mode.queue} flows={data.flows} onSaved={saved} onCancel={() => setMode({ kind: 'monitor' })} />
        )}
        {mode.kind === 'monitor' && queue && (
          // One key for the whole group: keying the form and the monitor separately with the same
          // key (the queue name) gave two siblings one key, and React then kept stale copies of the
          // form on every switch (bound to the queue they were created for).
          <Fragment key={queue.name}>
            <QueueHeader
              queue={queue}
              flow={flow}
              pending={data.counts[queue.name]?.pending ?? null}
              onEdit={() => setMode({ kind: 'edit', queue })}
              onChanged={data.upsert}
            />
            <EnqueueForm queue={queue.name} disabled={!queue.enabled} />
            <MonitorPanel queue={queue} currentFlowVersion={flow?.version ?? null} />
          </Fragment>
        )}
        {mode.kind === 'monitor' && !queue && data.queues !== null && (
          <div className="empty-state q-empty">
            <strong>No queues yet — create one bound to a flow</strong>
            <span>A queue runs a flow for every job you enqueue, in separate worker processes that reload on every save.</span>
            {data.flows !== null && data.flows.length === 0 ? (
              <span>There are no flows yet: write one in the editor first.</span>
            ) : (
              <button type="button" className="btn btn-primary" onClick={() => setMode({ kind: 'create' })}>
                Create a queue
              </button>
            )}
          </div>
        )}
      </section>
    </div>
  );
}
