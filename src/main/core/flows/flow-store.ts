// Versioned flows. A save that changes the code bumps the version by exactly one and keeps the new
// version's code, hash and compiled bundle in flow_versions, all in one IMMEDIATE transaction: the
// write lock is taken before the current version is read, so two savers (two windows, two
// connections) from one base version cannot both win — the second sees the new version and gets
// VERSION_CONFLICT (or, without expectedVersion, saves on top of it; nothing is lost either way).
import { and, asc, desc, eq } from 'drizzle-orm';
import type Database from 'better-sqlite3';
import type { Flow, FlowLanguage, FlowSummary, FlowVersion, FlowVersionSummary } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { FlowBundle } from '../../../shared/worker-protocol';
import type { FlowStore } from '../store-types';
import { errorJson, fromJson, iso, isForeignKeyViolation, isUniqueViolation } from '../db/codec';
import type { Db } from '../db/open';
import { flowVersions, flows, queues, runs } from '../db/schema';
import { codeHash, compileFlow, sourceLabel, type CompiledFlow } from './compile';

type FlowRow = typeof flows.$inferSelect;

function toFlow(r: FlowRow): Flow {
  return {
    id: r.id,
    name: r.name,
    language: r.language,
    version: r.version,
    code: r.code,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt)
  };
}

export function createFlowStore(db: Db, sqlite: Database.Database): FlowStore {
  /** BEGIN IMMEDIATE: take the write lock before reading what we are about to change. */
  const immediate = <T>(fn: () => T): T => sqlite.transaction(fn).immediate();
  const bundles = new Map<string, FlowBundle>();

  const row = (id: number): FlowRow => {
    const r = db.select().from(flows).where(eq(flows.id, id)).get();
    if (!r) throw new AppError('FLOW_NOT_FOUND', `Flow ${id} not found`, { id });
    return r;
  };

  const nameTaken = (name: string, exceptId?: number): void => {
    const other = db.select({ id: flows.id }).from(flows).where(eq(flows.name, name)).get();
    if (other && other.id !== exceptId) throw new AppError('FLOW_EXISTS', `A flow named "${name}" already exists`, { name, id: other.id });
  };

  const insertVersion = (flowId: number, version: number, code: string, hash: string, compiled: CompiledFlow, now: number): void => {
    db.insert(flowVersions)
      .values({ flowId, version, code, codeHash: hash, js: compiled.js, map: compiled.map, syntaxError: errorJson(compiled.syntaxError), savedAt: now })
      .run();
  };

  const rethrowName = (e: unknown, name: string): never => {
    if (isUniqueViolation(e)) throw new AppError('FLOW_EXISTS', `A flow named "${name}" already exists`, { name });
    throw e;
  };

  return {
    list(): FlowSummary[] {
      return db
        .select({ id: flows.id, name: flows.name, language: flows.language, version: flows.version, updatedAt: flows.updatedAt })
        .from(flows)
        .orderBy(asc(flows.name))
        .all()
        .map((r) => ({ ...r, updatedAt: iso(r.updatedAt) }));
    },

    get: (id) => toFlow(row(id)),

    create(input, now) {
      const language: FlowLanguage = input.language ?? 'javascript';
      const compiled = compileFlow(input.code, language, sourceLabel(input.name, language));
      const hash = codeHash(input.code);
      try {
        const flow = immediate(() => {
          nameTaken(input.name);
          const created = db
            .insert(flows)
            .values({ name: input.name, language, version: 1, code: input.code, codeHash: hash, createdAt: now, updatedAt: now })
            .returning()
            .get();
          insertVersion(created.id, 1, input.code, hash, compiled, now);
          return created;
        });
        return { flow: toFlow(flow), diagnostics: compiled.diagnostics };
      } catch (e) {
        return rethrowName(e, input.name);
      }
    },

    save(input, now) {
      // Compile outside the lock (it depends only on code and language, which a save never changes).
      const before = row(input.id);
      const hash = codeHash(input.code);
      const compiled = compileFlow(input.code, before.language, sourceLabel(input.name ?? before.name, before.language));
      try {
        return immediate(() => {
          const current = row(input.id);
          if (input.expectedVersion !== undefined && input.expectedVersion !== current.version) {
            throw new AppError(
              'VERSION_CONFLICT',
              `Flow ${current.id} is at version ${current.version}, not ${input.expectedVersion}: someone saved it meanwhile`,
              { id: current.id, currentVersion: current.version, expectedVersion: input.expectedVersion }
            );
          }
          const renamed = input.name !== undefined && input.name !== current.name;
          if (renamed) nameTaken(input.name!, current.id);
          const changed = hash !== current.codeHash;
          if (!changed && !renamed) return { flow: toFlow(current), changed: false, diagnostics: compiled.diagnostics };
          const version = changed ? current.version + 1 : current.version;
          const updated = db
            .update(flows)
            .set(changed ? { name: input.name ?? current.name, version, code: input.code, codeHash: hash, updatedAt: now } : { name: input.name!, updatedAt: now })
            .where(eq(flows.id, current.id))
            .returning()
            .get();
          if (changed) insertVersion(current.id, version, input.code, hash, compiled, now);
          return { flow: toFlow(updated), changed, diagnostics: compiled.diagnostics };
        });
      } catch (e) {
        return rethrowName(e, input.name ?? before.name);
      }
    },

    rename(id, name, now) {
      try {
        return immediate(() => {
          const current = row(id);
          if (current.name === name) return toFlow(current);
          nameTaken(name, id);
          return toFlow(db.update(flows).set({ name, updatedAt: now }).where(eq(flows.id, id)).returning().get());
        });
      } catch (e) {
        return rethrowName(e, name);
      }
    },

    delete(id) {
      try {
        immediate(() => {
          row(id);
          const bound = db.select({ name: queues.name }).from(queues).where(eq(queues.flowId, id)).all();
          if (bound.length > 0) {
            const names = bound.map((q) => q.name);
            throw new AppError('FLOW_IN_USE', `Flow ${id} is bound to queue${names.length > 1 ? 's' : ''} ${names.join(', ')}; rebind or delete them first`, {
              id,
              queues: names
            });
          }
          // Run logs are keyed by owner text, not a foreign key: remove them with their runs.
          sqlite.prepare(`DELETE FROM logs WHERE owner IN (SELECT 'run:' || run_id FROM runs WHERE flow_id = ?)`).run(id);
          db.delete(runs).where(eq(runs.flowId, id)).run();
          db.delete(flows).where(eq(flows.id, id)).run();
        });
      } catch (e) {
        // The foreign key is the backstop for a queue bound by another connection in between.
        if (isForeignKeyViolation(e)) throw new AppError('FLOW_IN_USE', `Flow ${id} is bound to a queue`, { id });
        throw e;
      }
    },

    versions(id): FlowVersionSummary[] {
      row(id);
      return db
        .select({ version: flowVersions.version, codeHash: flowVersions.codeHash, savedAt: flowVersions.savedAt })
        .from(flowVersions)
        .where(eq(flowVersions.flowId, id))
        .orderBy(desc(flowVersions.version))
        .all()
        .map((r) => ({ ...r, savedAt: iso(r.savedAt) }));
    },

    version(id, version): FlowVersion {
      const r = db
        .select({ version: flowVersions.version, codeHash: flowVersions.codeHash, savedAt: flowVersions.savedAt, code: flowVersions.code })
        .from(flowVersions)
        .where(and(eq(flowVersions.flowId, id), eq(flowVersions.version, version)))
        .get();
      if (!r) {
        row(id);
        throw new AppError('FLOW_NOT_FOUND', `Flow ${id} has no version ${version}`, { id, version });
      }
      return { ...r, savedAt: iso(r.savedAt) };
    },

    bundle(id, version): FlowBundle {
      // A saved version never changes, so its bundle can be cached; the bound keeps memory flat
      // when a flow is saved thousands of times.
      const key = `${id}:${version}`;
      const cached = bundles.get(key);
      if (cached) return cached;
      const r = db
        .select()
        .from(flowVersions)
        .where(and(eq(flowVersions.flowId, id), eq(flowVersions.version, version)))
        .get();
      if (!r) throw new AppError('FLOW_NOT_FOUND', `Flow ${id} has no version ${version}`, { id, version });
      const bundle: FlowBundle = { flowId: id, version, codeHash: r.codeHash, js: r.js, map: r.map, syntaxError: fromJson(r.syntaxError) };
      bundles.set(key, bundle);
      if (bundles.size > 64) bundles.delete(bundles.keys().next().value as string);
      return bundle;
    }
  };
}
