// Counts by status, throughput, p50/p95 and oldest pending age, with the live chart beside them.
// Every figure has a fixed slot (a dash until the first answer), so nothing jumps when data arrives.
import type { JSX } from 'react';
import { JOB_STATUSES, type JobStatus } from '../../../shared/domain';
import { useNow } from '../hooks';
import { formatDuration, formatRate } from './format';
import { LiveChart } from './LiveChart';
import type { QueueStatsState } from './useQueueStats';

const STATUS_LABEL: Record<JobStatus, string> = {
  pending: 'Pending',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled'
};

export function StatsPanel({ state }: { state: QueueStatsState }): JSX.Element {
  const { stats, receivedAt, history } = state;
  const now = useNow(stats !== null);
  const oldest = stats?.oldestPendingAgeMs ?? null;
  const oldestNow = oldest === null ? null : oldest + Math.max(0, now - receivedAt);
  return (
    <section className="mon-stats" aria-label="Queue stats">
      <dl className="mon-figures">
        {JOB_STATUSES.map((s) => (
          <div key={s} className={`mon-figure mon-status-${s}`}>
            <dt>{STATUS_LABEL[s]}</dt>
            <dd aria-label={`${STATUS_LABEL[s]} jobs`}>{stats ? stats.counts[s].toLocaleString() : '—'}</dd>
          </div>
        ))}
        <div className="mon-figure">
          <dt>Throughput (1 min)</dt>
          <dd aria-label="Throughput">{stats ? formatRate(stats.throughputPerMin) : '—'}</dd>
        </div>
        <div className="mon-figure">
          <dt>p50 / p95</dt>
          <dd aria-label="Duration p50 / p95">
            {stats ? `${formatDuration(stats.durationMs.p50)} / ${formatDuration(stats.durationMs.p95)}` : '—'}
          </dd>
        </div>
        <div className="mon-figure">
          <dt>Oldest pending</dt>
          <dd aria-label="Oldest pending age">{formatDuration(oldestNow)}</dd>
        </div>
      </dl>
      <LiveChart history={history} now={now} />
      {state.error && (
        <p className="field-error" role="alert">
          Stats unavailable: {state.error}
        </p>
      )}
    </section>
  );
}
