// Queue definitions: create (with QUEUE_DEFAULTS), read, patch, delete. Options are plain columns so
// the claim reads them in the same statement that claims (see claim.ts).
import { asc, eq } from 'drizzle-orm';
import type Database from 'better-sqlite3';
import type { Queue } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { QUEUE_DEFAULTS } from '../../../shared/schemas';
import type { QueueOptionsInput, QueueStore } from '../store-types';
import { errorJson, iso, isUniqueViolation } from '../db/codec';
import type { Db } from '../db/open';
import { flows, queues } from '../db/schema';

type QueueRow = typeof queues.$inferSelect;

export function toQueue(r: QueueRow): Queue {
  return {
    name: r.name,
    flowId: r.flowId,
    concurrency: r.concurrency,
    maxAttempts: r.maxAttempts,
    visibilityTimeoutSec: r.visibilityTimeoutSec,
    backoff: { initialMs: r.backoffInitialMs, maxMs: r.backoffMaxMs, multiplier: r.backoffMultiplier },
    hangAfterSec: r.hangAfterSec,
    connectTimeoutMs: r.connectTimeoutMs,
    enabled: r.enabled,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt)
  };
}

function optionColumns(o: QueueOptionsInput): Partial<QueueRow> {
  const out: Partial<QueueRow> = {};
  if (o.flowId !== undefined) out.flowId = o.flowId;
  if (o.concurrency !== undefined) out.concurrency = o.concurrency;
  if (o.maxAttempts !== undefined) out.maxAttempts = o.maxAttempts;
  if (o.visibilityTimeoutSec !== undefined) out.visibilityTimeoutSec = o.visibilityTimeoutSec;
  if (o.backoff !== undefined) {
    out.backoffInitialMs = o.backoff.initialMs;
    out.backoffMaxMs = o.backoff.maxMs;
    out.backoffMultiplier = o.backoff.multiplier;
  }
  if (o.hangAfterSec !== undefined) out.hangAfterSec = o.hangAfterSec;
  if (o.connectTimeoutMs !== undefined) out.connectTimeoutMs = o.connectTimeoutMs;
  if (o.enabled !== undefined) out.enabled = o.enabled;
  return out;
}

export type QueueDefinitions = Pick<QueueStore, 'list' | 'get' | 'create' | 'update' | 'delete'>;

export function createQueueDefinitions(db: Db, sqlite: Database.Database): QueueDefinitions {
  const immediate = <T>(fn: () => T): T => sqlite.transaction(fn).immediate();

  const row = (name: string): QueueRow => {
    const r = db.select().from(queues).where(eq(queues.name, name)).get();
    if (!r) throw new AppError('QUEUE_NOT_FOUND', `Queue "${name}" not found`, { name });
    return r;
  };

  const flowExists = (flowId: number): void => {
    if (!db.select({ id: flows.id }).from(flows).where(eq(flows.id, flowId)).get()) {
      throw new AppError('FLOW_NOT_FOUND', `Flow ${flowId} not found`, { id: flowId });
    }
  };

  const cancelPending = sqlite.prepare(
    `UPDATE jobs SET status = 'cancelled', error_code = 'QUEUE_DELETED', error = ?, finished_at = ?, lease_expires_at = NULL
     WHERE queue = ? AND status = 'pending'`
  );
  const runningIds = sqlite.prepare(`SELECT id FROM jobs WHERE queue = ? AND status = 'running' ORDER BY id`).pluck();

  return {
    list: () => db.select().from(queues).orderBy(asc(queues.name)).all().map(toQueue),

    get: (name) => toQueue(row(name)),

    create(input, now) {
      try {
        return immediate(() => {
          if (db.select({ name: queues.name }).from(queues).where(eq(queues.name, input.name)).get()) {
            throw new AppError('QUEUE_EXISTS', `Queue "${input.name}" already exists`, { name: input.name });
          }
          flowExists(input.flowId);
          const d = QUEUE_DEFAULTS;
          const values: QueueRow = {
            name: input.name,
            flowId: input.flowId,
            concurrency: d.concurrency,
            maxAttempts: d.maxAttempts,
            visibilityTimeoutSec: d.visibilityTimeoutSec,
            backoffInitialMs: d.backoff.initialMs,
            backoffMaxMs: d.backoff.maxMs,
            backoffMultiplier: d.backoff.multiplier,
            hangAfterSec: d.hangAfterSec,
            connectTimeoutMs: d.connectTimeoutMs,
            enabled: d.enabled,
            ...optionColumns(input),
            createdAt: now,
            updatedAt: now
          };
          return toQueue(db.insert(queues).values(values).returning().get());
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw new AppError('QUEUE_EXISTS', `Queue "${input.name}" already exists`, { name: input.name });
        throw e;
      }
    },

    update(name, patch, now) {
      return immediate(() => {
        row(name);
        if (patch.flowId !== undefined) flowExists(patch.flowId);
        return toQueue(
          db
            .update(queues)
            .set({ ...optionColumns(patch), updatedAt: now })
            .where(eq(queues.name, name))
            .returning()
            .get()
        );
      });
    },

    delete(name, now) {
      return immediate(() => {
        row(name);
        const error = errorJson({ code: 'QUEUE_DELETED', message: `Queue "${name}" was deleted before this job started` });
        cancelPending.run(error, now, name);
        const ids = runningIds.all(name) as number[];
        db.delete(queues).where(eq(queues.name, name)).run();
        return { runningJobIds: ids };
      });
    }
  };
}
