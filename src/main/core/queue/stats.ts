// Queue statistics for the monitor: counts by status, throughput over the last minute, duration
// percentiles over recently finished jobs, and the age of the oldest waiting job. Each figure is one
// indexed query, so the monitor can poll it on a 100,000-job queue.
import type Database from 'better-sqlite3';
import type { JobStatus, QueueStats } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';

/** Percentiles are taken over this many most recently finished jobs. */
export const STATS_SAMPLE = 1000;
export const THROUGHPUT_WINDOW_MS = 60_000;

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function createStats(sqlite: Database.Database) {
  const queueExists = sqlite.prepare(`SELECT 1 FROM queues WHERE name = ?`).pluck();
  const counts = sqlite.prepare(`SELECT status, count(*) AS n FROM jobs WHERE queue = ? GROUP BY status`);
  // Finished means succeeded or failed: cancelled jobs did no work and would inflate both figures.
  const throughput = sqlite
    .prepare(`SELECT count(*) FROM jobs WHERE queue = ? AND finished_at >= ? AND status IN ('succeeded', 'failed')`)
    .pluck();
  const durations = sqlite
    .prepare(
      `SELECT duration_ms FROM jobs WHERE queue = ? AND finished_at IS NOT NULL AND status IN ('succeeded', 'failed')
         AND duration_ms IS NOT NULL ORDER BY finished_at DESC LIMIT ${STATS_SAMPLE}`
    )
    .pluck();
  // Ids grow with creation time, so the lowest pending id is the oldest waiting job.
  const oldestPending = sqlite.prepare(`SELECT created_at FROM jobs WHERE queue = ? AND status = 'pending' ORDER BY id LIMIT 1`).pluck();

  return (name: string, now: number): QueueStats => {
    if (!queueExists.get(name)) throw new AppError('QUEUE_NOT_FOUND', `Queue "${name}" not found`, { name });
    const byStatus: QueueStats['counts'] = { pending: 0, running: 0, succeeded: 0, failed: 0, cancelled: 0 };
    for (const r of counts.all(name) as Array<{ status: JobStatus; n: number }>) byStatus[r.status] = r.n;
    const sample = (durations.all(name) as number[]).sort((a, b) => a - b);
    const oldest = oldestPending.get(name) as number | undefined;
    return {
      queue: name,
      counts: byStatus,
      throughputPerMin: throughput.get(name, now - THROUGHPUT_WINDOW_MS) as number,
      durationMs: { p50: percentile(sample, 50), p95: percentile(sample, 95) },
      oldestPendingAgeMs: oldest === undefined ? null : Math.max(0, now - oldest)
    };
  };
}
