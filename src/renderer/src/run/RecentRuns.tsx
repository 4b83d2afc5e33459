// Recent runs of this flow, newest first; any of them can be reopened in the panel.
import type { RunSummary } from '../../../shared/domain';
import { relativeTime } from '../history/HistoryPanel';
import { formatDuration } from './format';

interface Props {
  runs: RunSummary[];
  currentId: string | null;
  onOpen(runId: string): void;
}

const STATUS_BADGE: Record<RunSummary['status'], string> = {
  running: 'badge-info',
  succeeded: 'badge-ok',
  failed: 'badge-danger',
  cancelled: 'badge-warn'
};

export function RecentRuns({ runs, currentId, onOpen }: Props): React.JSX.Element {
  return (
    <div className="recent-runs">
      <div className="run-section-title muted">Recent runs</div>
      {runs.length === 0 ? (
        <div className="faint recent-empty">Runs of this flow appear here.</div>
      ) : (
        <ul className="list" aria-label="Recent runs">
          {runs.map((r) => (
            <li key={r.runId}>
              <button
                type="button"
                className={`recent-run${r.runId === currentId ? ' selected' : ''}`}
                aria-label={`Open run ${r.status}, ${r.flowVersion === null ? 'draft' : `v${r.flowVersion}`}, ${relativeTime(r.startedAt)}`}
                onClick={() => onOpen(r.runId)}
              >
                <span className={`badge ${STATUS_BADGE[r.status]}`}>{r.status}</span>
                <span className="mono">{r.flowVersion === null ? 'draft' : `v${r.flowVersion}`}</span>
                <span className="spacer" />
                <span className="mono muted">{formatDuration(r.durationMs)}</span>
                <span className="faint">{relativeTime(r.startedAt)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
