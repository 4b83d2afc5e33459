// The claim: one IMMEDIATE transaction that takes up to `limit` due pending jobs of a queue, marks
// them running, counts the attempt, records the worker and the flow's CURRENT version, sets the lease
// and inserts the attempt rows. Reading the version inside the claim's own transaction is what makes
// stale code impossible: whatever reload messages a worker missed, the attempt is told which version
// to run, and a save cannot commit between that read and the attempt rows (the write lock is held).
// Statements are prepared once; this runs thousands of times a second.
import type Database from 'better-sqlite3';
import { prepareQueueForClaim } from './queue-for-claim';
import type { ClaimedJob } from '../store-types';
import { fromJson } from '../db/codec';


interface ClaimedRaw {
  id: number;
  attempts: number;
  payload: string | null;
}

export function createClaim(sqlite: Database.Database) {
  const queueInfo = prepareQueueForClaim(sqlite);
  // Two steps inside the IMMEDIATE transaction (the write lock is held, so nothing changes between
  // them): read the due jobs in claim order off jobs_claim, then mark each one by id. Measured here,
  // one UPDATE … WHERE id IN (subquery) RETURNING cost ~100 µs per call before touching a row.
  // INDEXED BY: left alone, the planner takes jobs_pending_run_at and sorts every due job to return `limit`.
  const due = sqlite.prepare(
    `SELECT id, attempts, payload FROM jobs INDEXED BY jobs_claim
     WHERE queue = ? AND status = 'pending' AND run_at <= ? ORDER BY priority DESC, run_at, id LIMIT ?`
  );
  const take = sqlite.prepare(
    `UPDATE jobs SET status = 'running', attempts = ?, counted_attempts = counted_attempts + 1,
            worker_id = ?, started_at = ?, lease_expires_at = ?, last_flow_version = ?,
            finished_at = NULL, duration_ms = NULL
     WHERE id = ?`
  );
  // One seek on jobs_pending_run_at: after an enqueue hand-off (direct-claim.ts) finding nothing due is
  // the common case, and this answers it without walking the claim index.
  const anyDue = sqlite.prepare(`SELECT 1 FROM jobs WHERE queue = ? AND status = 'pending' AND run_at <= ? LIMIT 1`).pluck();
  const insertAttempt = sqlite.prepare(
    `INSERT INTO attempts (job_id, n, flow_version, worker_id, started_at, outcome) VALUES (?, ?, ?, ?, ?, 'running')`
  );

  const claimTx = sqlite.transaction((name: string, workerId: string, limit: number, now: number): ClaimedJob[] => {
    const q = queueInfo.get(name);
    // A deleted or disabled queue claims nothing (the dispatcher may race a delete or a toggle).
    if (!q || !q.enabled) return [];
    const leaseExpiresAt = now + q.visibility_timeout_sec * 1000;
    const rows = due.all(name, now, limit) as ClaimedRaw[];
    return rows.map((r) => {
      const attempt = r.attempts + 1;
      take.run(attempt, workerId, now, leaseExpiresAt, q.version, r.id);
      insertAttempt.run(r.id, attempt, q.version, workerId, now);
      return {
        jobId: r.id,
        queue: name,
        attempt,
        maxAttempts: q.max_attempts,
        flowId: q.flow_id,
        flowName: q.flow_name,
        flowVersion: q.version,
        codeHash: q.code_hash,
        payload: fromJson(r.payload),
        startedAt: now,
        leaseExpiresAt,
        visibilityTimeoutSec: q.visibility_timeout_sec,
        connectTimeoutMs: q.connect_timeout_ms
      };
    });
  });

  // Nothing due: nothing to claim, whatever the queue's state — answered before opening a savepoint.
  // (Alone, outside a transaction, a job that becomes due just after this read is simply left for
  // the next claim, as if this one had run a moment earlier.)
  return (name: string, workerId: string, limit: number, now: number): ClaimedJob[] =>
    limit <= 0 || !anyDue.get(name, now) ? [] : claimTx.immediate(name, workerId, limit, now);
}
