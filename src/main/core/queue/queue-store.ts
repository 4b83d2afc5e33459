// The QueueStore the engine uses, assembled from its parts: definitions (queues.ts), the claim
// (claim.ts), completion and recovery (complete.ts), job operations and reads (jobs.ts), stats.ts.
import type Database from 'better-sqlite3';
import type { QueueStore } from '../store-types';
import type { Db } from '../db/open';
import { createClaim } from './claim';
import { createCompletion } from './complete';
import { createEnqueueClaimed } from './direct-claim';
import { createJobOps } from './jobs';
import { createQueueDefinitions } from './queues';
import { createStats } from './stats';

/** `random` feeds the backoff jitter (injected by tests). */
export function createQueueStore(db: Db, sqlite: Database.Database, random: () => number = Math.random): QueueStore {
  const completion = createCompletion(sqlite, random);
  return {
    ...createQueueDefinitions(db, sqlite),
    ...createJobOps(sqlite),
    claim: createClaim(sqlite),
    enqueueClaimed: createEnqueueClaimed(sqlite),
    complete: completion.complete,
    recoverOrphans: completion.recoverOrphans,
    expiredLeases: completion.expiredLeases,
    stats: createStats(sqlite)
  };
}
