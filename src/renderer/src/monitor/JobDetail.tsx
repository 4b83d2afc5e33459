// The selected job: status, payload, result or error (code + message), the attempts timeline with
// each attempt's logs, and Cancel / Retry. Action errors (JOB_NOT_CANCELLABLE …) show in place.
import { useState, type JSX } from 'react';
import type { Job } from '../../../shared/domain';
import { api, errorCode } from '../api';
import { AttemptsTimeline } from './AttemptsTimeline';
import { formatDuration, formatTime } from './format';
import { useJob } from './useJob';

interface Props {
  id: number;
  onClose: () => void;
}

export function JobDetail({ id, onClose }: Props): JSX.Element {
  const { job, error, reload } = useJob(id);
  const [actionError, setActionError] = useState<string | null>(null);
  const act = (name: 'jobs.cancel' | 'jobs.retry'): void => {
    setActionError(null);
    api[name]({ id }).then(reload, (e: Error) => {
      const code = errorCode(e);
      setActionError(code === 'JOB_NOT_CANCELLABLE' ? 'This job has already finished.' : code === 'JOB_NOT_RETRYABLE' ? 'Only failed or cancelled jobs can be retried.' : e.message);
      reload();
    });
  };
  return (
    <section className="mon-detail" aria-label={`Job #${id} detail`}>
      <header className="panel-header">
        <h3 className="mon-h">Job #{id}</h3>
        {job && <span className={`badge mon-st-${job.status}`} aria-label="Job status">{job.status}</span>}
        <span className="spacer" />
        {job && (job.status === 'pending' || job.status === 'running') && (
          <button type="button" className="btn btn-danger" onClick={() => act('jobs.cancel')}>
            Cancel job
          </button>
        )}
        {job && (job.status === 'failed' || job.status === 'cancelled') && (
          <button type="button" className="btn" onClick={() => act('jobs.retry')}>
            Retry job
          </button>
        )}
        <button type="button" className="btn btn-icon" aria-label="Close job detail" onClick={onClose}>
          ✕
        </button>
      </header>
      <div className="mon-detail-body">
        {actionError && <p className="message message-error" role="alert">{actionError}</p>}
        {error && <p className="message message-error" role="alert">Could not load the job: {error}</p>}
        {!job && !error && <p className="faint">Loading…</p>}
        {job && <JobBody job={job} />}
      </div>
    </section>
  );
}

function JobBody({ job }: { job: Job }): JSX.Element {
  return (
    <>
      <dl className="mon-facts">
        <dt>Created</dt>
        <dd className="mono">{formatTime(job.createdAt)}</dd>
        <dt>Run at</dt>
        <dd className="mono">{formatTime(job.runAt)}</dd>
        <dt>Finished</dt>
        <dd className="mono">{formatTime(job.finishedAt)}</dd>
        <dt>Duration</dt>
        <dd className="mono">{formatDuration(job.durationMs)}</dd>
        <dt>Priority</dt>
        <dd className="mono">{job.priority}</dd>
        {job.idempotencyKey && (
          <>
            <dt>Idempotency key</dt>
            <dd className="mono">{job.idempotencyKey}</dd>
          </>
        )}
      </dl>
      {job.error && (
        <div className="message message-error" role="group" aria-label="Job error">
          <span className="mono mon-err-code" aria-label="Error code">{job.error.code}</span>
          <span className="grow">{job.error.message}</span>
        </div>
      )}
      <h4 className="mon-sub">Payload</h4>
      <pre className="json" aria-label="Payload">{JSON.stringify(job.payload, null, 2) ?? 'undefined'}</pre>
      {job.status === 'succeeded' && (
        <>
          <h4 className="mon-sub">Result</h4>
          <pre className="json" aria-label="Result">{JSON.stringify(job.result, null, 2) ?? 'undefined'}</pre>
        </>
      )}
      <h4 className="mon-sub">Attempts</h4>
      <AttemptsTimeline jobId={job.id} attempts={job.attempts} />
    </>
  );
}
