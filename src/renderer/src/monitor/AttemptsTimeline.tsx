// Every attempt of a job: the flow version it ran (stale code is a fact you can look up), worker,
// start, end, duration, outcome and error code, with that attempt's logs on demand.
import { useState, type JSX } from 'react';
import type { Attempt, LogLine } from '../../../shared/domain';
import { api } from '../api';
import { useNow } from '../hooks';
import { attemptOutcome, formatDuration, formatTime } from './format';

export function AttemptsTimeline({ jobId, attempts }: { jobId: number; attempts: Attempt[] }): JSX.Element {
  const running = attempts.some((a) => a.finishedAt === null);
  const now = useNow(running);
  if (attempts.length === 0) return <p className="muted mon-note">No attempts yet — the job is waiting to be picked up.</p>;
  return (
    <ol className="mon-attempts" aria-label="Attempts timeline">
      {attempts.map((a) => (
        <AttemptItem key={a.n} jobId={jobId} attempt={a} now={now} />
      ))}
    </ol>
  );
}

function AttemptItem({ jobId, attempt: a, now }: { jobId: number; attempt: Attempt; now: number }): JSX.Element {
  const [open, setOpen] = useState(false);
  const [logs, setLogs] = useState<{ lines: LogLine[]; truncated: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const duration = a.durationMs ?? (a.finishedAt === null ? now - Date.parse(a.startedAt) : null);
  const toggle = (): void => {
    const next = !open;
    setOpen(next);
    if (next) {
      api['jobs.logs']({ id: jobId, attempt: a.n }).then(
        (answer) => setLogs({ lines: answer.lines, truncated: answer.truncated }),
        (e: Error) => setError(e.message)
      );
    }
  };
  const outcome = attemptOutcome(a.outcome, a.error?.code);
  return (
    <li className="mon-attempt" aria-label={`Attempt ${a.n}`}>
      <div className="mon-attempt-line">
        <strong>#{a.n}</strong>
        <span className="mono" aria-label="Flow version">v{a.flowVersion}</span>
        <span className={`badge badge-${outcome.tone}`} aria-label="Outcome">{outcome.text}</span>
        {a.error && <span className="mono mon-err" aria-label="Error code">{a.error.code}</span>}
        <span className="spacer" />
        <button type="button" className="btn btn-ghost" aria-expanded={open} aria-label={`Logs of attempt ${a.n}`} onClick={toggle}>
          {open ? 'Hide logs' : 'Logs'}
        </button>
      </div>
      <dl className="mon-attempt-facts">
        <dt>Worker</dt>
        <dd className="mono">{a.workerId}</dd>
        <dt>Start</dt>
        <dd className="mono">{formatTime(a.startedAt)}</dd>
        <dt>End</dt>
        <dd className="mono">{a.finishedAt ? formatTime(a.finishedAt) : 'running'}</dd>
        <dt>Duration</dt>
        <dd className="mono">{formatDuration(duration)}</dd>
      </dl>
      {a.error && <p className="mon-attempt-error">{a.error.message}</p>}
      {open && (
        <div className="mon-logs" role="log" aria-label={`Attempt ${a.n} log lines`}>
          {error && <p className="field-error">{error}</p>}
          {!logs && !error && <p className="faint">Loading logs…</p>}
          {logs && logs.lines.length === 0 && <p className="faint">This attempt wrote no logs.</p>}
          {logs?.lines.map((l, i) => (
            <div key={i} className={`mon-log mon-log-${l.level}`}>
              <span className="faint">{formatTime(l.ts)}</span> <span className="mon-log-level">{l.level}</span> {l.message}
            </div>
          ))}
          {logs?.truncated && <p className="faint">Older lines were dropped (log cap reached).</p>}
        </div>
      )}
    </li>
  );
}
