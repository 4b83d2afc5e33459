// The queue's worker processes: pid, state, the flow version each has loaded — marked when it lags
// the flow's current version ("v3 ← behind v4") — heartbeat age and memory.
import { memo, type JSX } from 'react';
import type { WorkerInfo } from '../../../shared/domain';
import { useNow } from '../hooks';
import { formatBytes, formatDuration } from './format';
import type { WorkersState } from './useWorkers';

interface Props {
  queue: string;
  state: WorkersState;
  /** The bound flow's current version (null until flows are loaded). */
  currentVersion: number | null;
  /** Version each running job's attempt runs: stands in while a worker has not reported what it loaded. */
  runningVersions: ReadonlyMap<number, number | null>;
}

export const WorkersTable = memo(function WorkersTable({ queue, state, currentVersion, runningVersions }: Props): JSX.Element {
  const workers = state.workers.filter((w) => w.queue === queue);
  const now = useNow(workers.length > 0);
  return (
    <section className="mon-section" aria-labelledby={`workers-${queue}`}>
      <h3 className="mon-h" id={`workers-${queue}`}>
        Workers <span className="faint">{state.loaded ? workers.length : ''}</span>
      </h3>
      <table className="mon-table" aria-label="Workers">
        <thead>
          <tr>
            <th scope="col">PID</th>
            <th scope="col">State</th>
            <th scope="col">Flow version</th>
            <th scope="col">Heartbeat</th>
            <th scope="col">Memory</th>
            <th scope="col">Jobs</th>
          </tr>
        </thead>
        <tbody>
          {workers.map((w) => (
            <WorkerRow
              key={w.id}
              worker={w}
              loaded={w.loadedFlowVersion ?? runningVersion(w, runningVersions)}
              currentVersion={currentVersion}
              ageMs={Math.max(0, now - state.receivedAt)}
            />
          ))}
          {state.loaded && workers.length === 0 && (
            <tr>
              <td colSpan={6} className="mon-empty-row">
                No workers running — they start when the queue is enabled and has jobs.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
});

/** The highest version among the worker's running jobs (what its code is, whatever it reported). */
function runningVersion(w: WorkerInfo, versions: ReadonlyMap<number, number | null>): number | null {
  let v: number | null = null;
  for (const id of w.currentJobIds) {
    const jobVersion = versions.get(id) ?? null;
    if (jobVersion !== null && (v === null || jobVersion > v)) v = jobVersion;
  }
  return v;
}

interface RowProps {
  worker: WorkerInfo;
  loaded: number | null;
  currentVersion: number | null;
  ageMs: number;
}

function WorkerRow({ worker: w, loaded, currentVersion, ageMs }: RowProps): JSX.Element {
  const lags = loaded !== null && currentVersion !== null && loaded < currentVersion;
  const heartbeat = w.heartbeatAgeMs === null ? null : w.heartbeatAgeMs + ageMs;
  return (
    <tr aria-label={`Worker ${w.pid ?? w.id}`}>
      <td className="mono">{w.pid ?? '—'}</td>
      <td>
        <span className={`badge ${w.state === 'crashed' ? 'badge-danger' : w.state === 'busy' ? 'badge-info' : ''}`}>{w.state}</span>
        {w.hang && <span className="badge badge-warn mon-gap">hang</span>}
      </td>
      <td className="mono" aria-label="Loaded flow version">
        {loaded === null ? '—' : `v${loaded}`}
        {lags && <span className="mon-lag"> ← behind v{currentVersion}</span>}
      </td>
      <td className="mono">{heartbeat === null ? '—' : `${formatDuration(heartbeat)} ago`}</td>
      <td className="mono">{formatBytes(w.rssBytes)}</td>
      <td className="mono">{w.currentJobIds.length > 0 ? w.currentJobIds.map((id) => `#${id}`).join(' ') : '—'}</td>
    </tr>
  );
}
