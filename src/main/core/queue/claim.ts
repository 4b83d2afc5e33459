// The claim: one IMMEDIATE transaction that takes up to `limit` due pending jobs of a queue, marks
// them running, counts the attempt, records the worker and the flow's CURRENT version, sets the lease
// and inserts the attempt rows. Reading the version inside the claim's own transaction is what makes
// stale code impossible: whatever reload messages a worker missed, the attempt is told which version
// to run, and a save cannot commit between that read and the attempt rows (the write lock is held).
// Statements are prepared once; this runs thousands of times a second.
import type Database from 'better-sqlite3';
import type { ClaimedJob } from '../store-types';
import { fromJson } from '../db/codec';

interface QueueForClaim {
  flow_id: number;
  max_attempts: number;
  visibility_timeout_sec: number;
  connect_timeout_ms: number;
  enabled: number;
  flow_name: string;
  version: number;
  code_hash: string;
}

interface ClaimedRaw {
  id: number;
  attempts: number;
  payload: string | null;
  priority: number;
  run_at: number;
}

export function createClaim(sqlite: Database.Database) {
  const queueInfo = sqlite.prepare(
    `SELECT q.flow_id, q.max_attempts, q.visibility_timeout_sec, q.connect_timeout_ms, q.enabled,
            f.name AS flow_name, f.version, f.code_hash
     FROM queues q JOIN flows f ON f.id = q.flow_id WHERE q.name = ?`
  );
  // The IN-subquery is materialised before the UPDATE runs, so walking the claim index while
  // changing it is safe; RETURNING order is unspecified, hence the sort below.
  const take = sqlite.prepare(
    `UPDATE jobs SET status = 'running', attempts = attempts + 1, counted_attempts = counted_attempts + 1,
            worker_id = ?, started_at = ?, lease_expires_at = ?, last_flow_version = ?,
            finished_at = NULL, duration_ms = NULL
     WHERE id IN (SELECT id FROM jobs WHERE queue = ? AND status = 'pending' AND run_at <= ?
                  ORDER BY priority DESC, run_at, id LIMIT ?)
     RETURNING id, attempts, payload, priority, run_at`
  );
  const insertAttempt = sqlite.prepare(
    `INSERT INTO attempts (job_id, n, flow_version, worker_id, started_at, outcome) VALUES (?, ?, ?, ?, ?, 'running')`
  );

  const claimTx = sqlite.transaction((name: string, workerId: string, limit: number, now: number): ClaimedJob[] => {
    const q = queueInfo.get(name) as QueueForClaim | undefined;
    // A deleted or disabled queue claims nothing (the dispatcher may race a delete or a toggle).
    if (!q || !q.enabled || limit <= 0) return [];
    const leaseExpiresAt = now + q.visibility_timeout_sec * 1000;
    const raw = take.all(workerId, now, leaseExpiresAt, q.version, name, now, limit) as ClaimedRaw[];
    raw.sort((a, b) => b.priority - a.priority || a.run_at - b.run_at || a.id - b.id);
    return raw.map((r) => {
      insertAttempt.run(r.id, r.attempts, q.version, workerId, now);
      return {
        jobId: r.id,
        queue: name,
        attempt: r.attempts,
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

  return (name: string, workerId: string, limit: number, now: number): ClaimedJob[] => claimTx.immediate(name, workerId, limit, now);
}
