// Version history of the open flow: every saved version, newest first. Selecting one opens a
// side-by-side diff against the current version (VersionDiff).
import { useCallback, useEffect, useState } from 'react';
import type { FlowVersionSummary } from '../../../shared/domain';
import { api } from '../api';
import { useResync } from '../hooks';

interface Props {
  flowId: number;
  currentVersion: number;
  selected: number | null;
  onSelect(version: number | null): void;
  onClose(): void;
}

export function HistoryPanel({ flowId, currentVersion, selected, onSelect, onClose }: Props): React.JSX.Element {
  const [versions, setVersions] = useState<FlowVersionSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    api['flows.versions']({ id: flowId })
      .then((v) => {
        setVersions(v);
        setError(null);
      })
      .catch((e: Error) => setError(e.message));
  }, [flowId]);
  // The current version changes on every save, here or elsewhere: the list follows it.
  useEffect(load, [load, currentVersion]);
  useResync(load);

  return (
    <aside className="history-panel" aria-label="Version history">
      <div className="panel-header">
        <h2 className="panel-title">History</h2>
        <span className="spacer" />
        <button type="button" className="btn btn-icon" aria-label="Close history" title="Close history" onClick={onClose}>
          ×
        </button>
      </div>
      {error && (
        <div className="message message-error" role="alert">
          {error}
        </div>
      )}
      {versions && (
        <ul className="list history-list" aria-label="Versions">
          {versions.map((v) => (
            <li key={v.version}>
              <button
                type="button"
                className={`history-item${selected === v.version ? ' selected' : ''}`}
                aria-current={selected === v.version ? 'true' : undefined}
                aria-label={`Version ${v.version}${v.version === currentVersion ? ' (current)' : ''}, saved ${new Date(v.savedAt).toLocaleString()}`}
                onClick={() => onSelect(selected === v.version ? null : v.version)}
              >
                <span className="history-version mono">v{v.version}</span>
                {v.version === currentVersion && <span className="badge badge-info">current</span>}
                <span className="spacer" />
                <span className="history-hash mono faint" title={v.codeHash}>
                  {v.codeHash.slice(0, 7)}
                </span>
                <span className="history-time muted">{relativeTime(v.savedAt)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="history-hint faint">Select a version to compare it with v{currentVersion}.</p>
    </aside>
  );
}

export function relativeTime(iso: string, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ago`;
  return new Date(iso).toLocaleDateString();
}
