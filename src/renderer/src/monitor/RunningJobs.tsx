// Running jobs: elapsed time ticking on the one clock from startedAt, the share of the visibility
// timeout used as a bar (leaseExpiresAt vs startedAt), the hang flag with its reason in words as soon
// as a job.hang event arrives, and Cancel. Rows are focusable; Enter opens the job's detail.
import { memo, type JSX } from 'react';
import type { JobRow } from '../../../shared/domain';
import { useNow } from '../hooks';
import { describeHang, describePending, formatDuration, formatTime, timeoutUsedText } from './format';
import type { LiveFacts, RunningJobsState } from './useRunningJobs';

interface Props {
  state: RunningJobsState;
  selectedId: number | null;
  onSelect: (id: number) => void;
  onCancel: (id: number) => void;
  /** Jobs whose cancel was sent and not yet answered (or still stopping). */
  cancelling: ReadonlySet<number>;
}

export const RunningJobs = memo(function RunningJobs({ state, selectedId, onSelect, onCancel, cancelling }: Props): JSX.Element {
  const now = useNow(state.rows.length > 0);
  return (
    <section className="mon-section" aria-labelledby="running-jobs-h">
      <h3 className="mon-h" id="running-jobs-h">
        Running <span className="faint">{state.loaded ? state.rows.length : ''}</span>
      </h3>
      <table className="mon-table mon-running" aria-label="Running jobs">
        <thead>
          <tr>
            <th scope="col">Job</th>
            <th scope="col">Started</th>
            <th scope="col">Elapsed</th>
            <th scope="col">Timeout used</th>
            <th scope="col">Health</th>
            <th scope="col"><span className="visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {state.rows.map((row) => (
            <RunningRow
              key={row.id}
              row={row}
              facts={state.live.get(row.id)}
              now={now}
              selected={row.id === selectedId}
              onSelect={onSelect}
              onCancel={onCancel}
              cancelling={cancelling.has(row.id)}
            />
          ))}
          {state.loaded && state.rows.length === 0 && (
            <tr>
              <td colSpan={6} className="mon-empty-row">
                Nothing running right now — enqueue a job to see it here.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
});

interface RowProps {
  row: JobRow;
  facts: LiveFacts | undefined;
  now: number;
  selected: boolean;
  onSelect: (id: number) => void;
  onCancel: (id: number) => void;
  cancelling: boolean;
}

const RunningRow = memo(function RunningRow({ row, facts, now, selected, onSelect, onCancel, cancelling }: RowProps): JSX.Element {
  const started = row.startedAt ? Date.parse(row.startedAt) : null;
  const elapsed = started === null ? null : Math.max(0, now - started);
  const lease = row.leaseExpiresAt ? Date.parse(row.leaseExpiresAt) : null;
  // `now` is the last tick (up to a second old): a job that started since then clamps to 0.
  const share = started !== null && lease !== null && lease > started ? Math.min(1, Math.max(0, (now - started) / (lease - started))) : null;
  const since = facts ? Math.max(0, now - facts.receivedAt) : 0;
  const hang = facts?.hang ?? null;
  const pending = !hang && facts?.live?.pending.length ? facts.live.pending : null;
  return (
    <tr
      aria-label={`Running job #${row.id}`}
      aria-selected={selected}
      tabIndex={0}
      className={`mon-row${selected ? ' is-selected' : ''}${hang ? ' is-hung' : ''}`}
      onClick={() => onSelect(row.id)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && e.target === e.currentTarget) onSelect(row.id);
      }}
    >
      <td className="mono">
        #{row.id}
        {row.attemptsMade > 1 && <span className="faint"> · attempt {row.attemptsMade}</span>}
      </td>
      <td className="mono">{formatTime(row.startedAt)}</td>
      <td className="mono mon-elapsed" aria-label="Elapsed">
        {formatDuration(elapsed)}
      </td>
      <td>
        {share === null ? (
          <span className="faint">no limit</span>
        ) : (
          <div
            className={`mon-bar${share > 0.8 ? ' is-high' : ''}`}
            role="progressbar"
            aria-label="Share of timeout used"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(share * 100)}
            aria-valuetext={started !== null && lease !== null ? timeoutUsedText(now - started, lease - started) : undefined}
          >
            <div className="mon-bar-fill" style={{ width: `${(share * 100).toFixed(1)}%` }} />
          </div>
        )}
      </td>
      <td className="mon-health">
        {hang ? (
          <span className="mon-hang" role="status" aria-label="Hang flag">
            <span className="badge badge-warn">{hang.kind === 'blocked' ? 'Blocked' : 'Hang'}</span> {describeHang(hang, since)}
          </span>
        ) : pending ? (
          <span className="faint">waiting on {pending.slice(0, 2).map((op) => describePending(op, since)).join(', ')}</span>
        ) : (
          <span className="faint">active</span>
        )}
      </td>
      <td className="mon-actions">
        <button
          type="button"
          className="btn btn-danger"
          aria-label={`Cancel job #${row.id}`}
          disabled={cancelling}
          onClick={(e) => {
            e.stopPropagation();
            onCancel(row.id);
          }}
        >
          {cancelling ? 'Cancelling…' : 'Cancel'}
        </button>
      </td>
    </tr>
  );
});
