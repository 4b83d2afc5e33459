// The selected queue's header: its flow, the enable switch, Edit, and Purge pending (with a
// confirmation that says how many jobs it will cancel, and afterwards how many it did).
import { useState, type JSX } from 'react';
import type { FlowSummary, Queue } from '../../../shared/domain';
import { api } from '../api';

interface Props {
  queue: Queue;
  flow: FlowSummary | undefined;
  pending: number | null;
  onEdit: () => void;
  onChanged: (q: Queue) => void;
}

export function QueueHeader({ queue, flow, pending, onEdit, onChanged }: Props): JSX.Element {
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);

  // Optimistic: the switch flips at once and settles on the engine's answer (or flips back on error).
  const [wanted, setWanted] = useState<boolean | null>(null);
  const enabled = wanted ?? queue.enabled;
  const toggle = (): void => {
    setError(null);
    const next = !enabled;
    setWanted(next);
    api['queues.update']({ name: queue.name, enabled: next }).then(
      (q) => {
        onChanged(q);
        setWanted(null);
      },
      (e: Error) => {
        setError(e.message);
        setWanted(null);
      }
    );
  };
  const purge = (): void => {
    setConfirming(false);
    api['queues.purge']({ name: queue.name }).then(
      (r) => setNote(`Purged ${r.purged} pending job${r.purged === 1 ? '' : 's'}.`),
      (e: Error) => setError(e.message)
    );
  };

  return (
    <header className="q-header">
      <div className="q-header-line">
        <h2 className="q-title mono" tabIndex={-1} data-queue-heading="">
          {queue.name}
        </h2>
        <span className="muted">
          runs <strong>{flow ? flow.name : `flow #${queue.flowId}`}</strong>
          {flow && <span className="mono"> v{flow.version}</span>}
        </span>
        <span className={`badge ${queue.enabled ? 'badge-ok' : ''}`}>{queue.enabled ? 'enabled' : 'disabled'}</span>
        <span className="spacer" />
        <label className="q-switch">
          <input type="checkbox" role="switch" checked={enabled} onChange={toggle} aria-label="Queue enabled" />
          <span>{enabled ? 'Enabled' : 'Disabled'}</span>
        </label>
        <button type="button" className="btn" onClick={onEdit}>
          Edit queue
        </button>
        <button type="button" className="btn btn-danger" onClick={() => { setNote(''); setConfirming(true); }} disabled={confirming}>
          Purge pending…
        </button>
      </div>
      <div className="q-header-note" aria-live="polite">
        {confirming && (
          <div className="message message-warn" role="alertdialog" aria-label="Confirm purge">
            <span className="grow">
              Cancel {pending === null ? 'all' : pending.toLocaleString()} pending job{pending === 1 ? '' : 's'} of {queue.name}? Running jobs are not touched.
            </span>
            <button type="button" className="btn btn-danger" onClick={purge}>
              Purge
            </button>
            <button type="button" className="btn" autoFocus onClick={() => setConfirming(false)}>
              Keep them
            </button>
          </div>
        )}
        {!confirming && note && <span role="status" className="muted">{note}</span>}
        {error && <p className="message message-error" role="alert">{error}</p>}
      </div>
    </header>
  );
}
