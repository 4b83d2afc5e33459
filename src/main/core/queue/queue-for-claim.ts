// What a claim needs to know about a queue and its flow, read in the claiming transaction itself:
// the flow's version here is the version the attempt will run (claim.ts, direct-claim.ts).
import type Database from 'better-sqlite3';

export interface QueueForClaim {
  flow_id: number;
  max_attempts: number;
  visibility_timeout_sec: number;
  connect_timeout_ms: number;
  enabled: number;
  flow_name: string;
  version: number;
  code_hash: string;
}

export function prepareQueueForClaim(sqlite: Database.Database): Database.Statement<[string], QueueForClaim> {
  return sqlite.prepare<[string], QueueForClaim>(
    `SELECT q.flow_id, q.max_attempts, q.visibility_timeout_sec, q.connect_timeout_ms, q.enabled,
            f.name AS flow_name, f.version, f.code_hash
     FROM queues q JOIN flows f ON f.id = q.flow_id WHERE q.name = ?`
  );
}
