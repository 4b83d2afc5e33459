// Run Now records: one row per run, created when it starts and finished once. Logs live in logs.ts.
import type Database from 'better-sqlite3';
import type { JobError, RunResult, RunStatus, RunSummary } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { RunStore } from '../store-types';
import { errorJson, fromJson, iso, isoOrNull, toJson } from './codec';

interface RawRun {
  run_id: string;
  flow_id: number;
  flow_version: number | null;
  status: RunStatus;
  input: string | null;
  result: string | null;
  error: string | null;
  started_at: number;
  finished_at: number | null;
  duration_ms: number | null;
}

function toSummary(r: RawRun): RunSummary {
  return {
    runId: r.run_id,
    flowId: r.flow_id,
    status: r.status,
    flowVersion: r.flow_version,
    startedAt: iso(r.started_at),
    finishedAt: isoOrNull(r.finished_at),
    durationMs: r.duration_ms,
    error: fromJson<JobError>(r.error)
  };
}

export function createRunStore(sqlite: Database.Database): RunStore {
  const insert = sqlite.prepare(
    `INSERT INTO runs (run_id, flow_id, flow_version, status, input, started_at) VALUES (?, ?, ?, 'running', ?, ?) RETURNING *`
  );
  const byId = sqlite.prepare(`SELECT * FROM runs WHERE run_id = ?`);
  const finish = sqlite.prepare(
    `UPDATE runs SET status = ?, result = ?, error = ?, finished_at = ?, duration_ms = ? - started_at
     WHERE run_id = ? AND status = 'running' RETURNING *`
  );
  const recent = sqlite.prepare(`SELECT * FROM runs WHERE flow_id = ? ORDER BY started_at DESC, rowid DESC LIMIT ?`);
  const flowExists = sqlite.prepare(`SELECT 1 FROM flows WHERE id = ?`).pluck();
  const orphans = sqlite.prepare(
    `UPDATE runs SET status = 'failed', error = ?, finished_at = ?, duration_ms = ? - started_at WHERE status = 'running'`
  );

  const get = (runId: string): RawRun => {
    const r = byId.get(runId) as RawRun | undefined;
    if (!r) throw new AppError('RUN_NOT_FOUND', `Run ${runId} not found`, { runId });
    return r;
  };

  return {
    create(input, now) {
      if (!flowExists.get(input.flowId)) throw new AppError('FLOW_NOT_FOUND', `Flow ${input.flowId} not found`, { id: input.flowId });
      return toSummary(insert.get(input.runId, input.flowId, input.flowVersion, toJson(input.input), now) as RawRun);
    },

    finish(runId, outcome, now) {
      let result: string | null;
      try {
        result = toJson(outcome.result);
      } catch (e) {
        result = null;
        outcome = { status: 'failed', error: { code: 'RESULT_NOT_SERIALIZABLE', message: `The result could not be stored as JSON: ${(e as Error).message}` } };
      }
      const r = finish.get(outcome.status, result, errorJson(outcome.error), now, now, runId) as RawRun | undefined;
      // Finishing twice keeps the first outcome (a cancel racing the result).
      return toSummary(r ?? get(runId));
    },

    get(runId): Omit<RunResult, 'live' | 'logs'> {
      const r = get(runId);
      return { ...toSummary(r), input: fromJson(r.input), result: fromJson(r.result) };
    },

    list: (flowId, limit) => (recent.all(flowId, limit) as RawRun[]).map(toSummary),

    recoverOrphans(now) {
      const error = errorJson({ code: 'LEASE_EXPIRED', message: `The engine stopped while this run was running; found at ${iso(now)}` });
      return orphans.run(error, now, now).changes;
    }
  };
}
