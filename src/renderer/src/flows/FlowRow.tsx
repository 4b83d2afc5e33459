// One flow in the sidebar: select, rename in place, delete with an inline confirmation.
import { useState, type FormEvent } from 'react';
import type { FlowSummary } from '../../../shared/domain';
import { api, errorCode } from '../api';
import { ApiError } from '../api';

interface Props {
  flow: FlowSummary;
  selected: boolean;
  onSelect(): void;
  onRenamed(flow: FlowSummary): void;
  onDeleted(): void;
}

type Mode = 'view' | 'rename' | 'confirm-delete';

export function FlowRow({ flow, selected, onSelect, onRenamed, onDeleted }: Props): React.JSX.Element {
  const [mode, setMode] = useState<Mode>('view');
  const [draftName, setDraftName] = useState(flow.name);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const rename = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const name = draftName.trim();
    if (!name) return setError('Give the flow a name.');
    if (name === flow.name) return setMode('view');
    setBusy(true);
    try {
      onRenamed(await api['flows.rename']({ id: flow.id, name }));
      setMode('view');
      setError(null);
    } catch (err) {
      setError(errorCode(err) === 'FLOW_EXISTS' ? `A flow named "${name}" already exists.` : (err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (): Promise<void> => {
    setBusy(true);
    try {
      await api['flows.delete']({ id: flow.id });
      onDeleted();
    } catch (err) {
      if (errorCode(err) === 'FLOW_IN_USE') {
        const queues = ((err as ApiError).details?.queues as string[] | undefined) ?? [];
        const which = queues.length ? `queue${queues.length > 1 ? 's' : ''} ${queues.join(', ')}` : 'a queue';
        setError(`Cannot delete "${flow.name}": bound to ${which} — rebind or delete the queue first.`);
      } else setError((err as Error).message);
      setMode('view');
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className={`flow-row${selected ? ' selected' : ''}`}>
      {mode === 'rename' ? (
        <form className="flow-rename" aria-label={`Rename ${flow.name}`} onSubmit={rename}>
          <input
            className="input"
            aria-label="New name"
            autoFocus
            value={draftName}
            aria-invalid={error ? true : undefined}
            onChange={(e) => {
              setDraftName(e.target.value);
              setError(null);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                setMode('view');
                setError(null);
              }
            }}
          />
          <button type="submit" className="btn btn-primary" disabled={busy}>
            Rename
          </button>
        </form>
      ) : (
        <div className="flow-row-main">
          <button
            type="button"
            className="flow-select"
            aria-current={selected ? 'true' : undefined}
            aria-label={`${flow.name}, ${flow.language}, version ${flow.version}`}
            onClick={onSelect}
          >
            <span className={`lang-chip lang-${flow.language}`} aria-hidden="true">
              {flow.language === 'typescript' ? 'TS' : 'JS'}
            </span>
            <span className="flow-name">{flow.name}</span>
            <span className="flow-version mono">v{flow.version}</span>
          </button>
          <span className="flow-row-actions">
            <button
              type="button"
              className="btn-icon btn"
              aria-label={`Rename ${flow.name}`}
              title="Rename"
              onClick={() => {
                setDraftName(flow.name);
                setMode('rename');
                setError(null);
              }}
            >
              <svg width="14" height="14" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.4" aria-hidden="true">
                <path d="M11 2.5 13.5 5 6 12.5H3.5V10L11 2.5Z" strokeLinejoin="round" />
              </svg>
            </button>
            <button
              type="button"
              className="btn-icon btn"
              aria-label={`Delete ${flow.name}`}
              title="Delete"
              onClick={() => {
                setMode('confirm-delete');
                setError(null);
              }}
            >
              <svg width="14" height="14" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.4" aria-hidden="true">
                <path d="M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.6 8.5h5.8l.6-8.5" strokeLinejoin="round" strokeLinecap="round" />
              </svg>
            </button>
          </span>
        </div>
      )}
      {mode === 'confirm-delete' && (
        // Cancel has the focus (Enter, Enter must not delete) and Escape closes the question.
        <div
          className="flow-confirm"
          role="alertdialog"
          aria-label={`Delete ${flow.name}?`}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              setMode('view');
            }
          }}
        >
          <span>
            Delete <strong>{flow.name}</strong> and its history?
          </span>
          <span className="toolbar">
            <button type="button" className="btn btn-danger" disabled={busy} onClick={remove}>
              Delete
            </button>
            <button type="button" className="btn btn-ghost" onClick={() => setMode('view')} autoFocus>
              Cancel
            </button>
          </span>
        </div>
      )}
      {error && (
        <div className="message message-error flow-row-error" role="alert">
          <span className="grow">{error}</span>
          <button type="button" className="btn-icon btn" aria-label="Dismiss" onClick={() => setError(null)}>
            ×
          </button>
        </div>
      )}
    </li>
  );
}
