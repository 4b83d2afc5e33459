// Our own runner over drizzle-kit's output (meta/_journal.json + <tag>.sql), recording what it applies
// in drizzle's own `__drizzle_migrations` format (hash = sha256 of the file, created_at = journal `when`)
// so drizzle's tooling reads the same history.
// Why not drizzle's migrator: it only compares the newest created_at, so a database written by a newer
// build, or one whose migration files were edited, is silently accepted. We refuse both and write
// nothing: a user's data is worth more than a start-up.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors';

export const MIGRATIONS_TABLE = '__drizzle_migrations';

export interface Migration {
  tag: string;
  when: number;
  hash: string;
  statements: string[];
}

interface Journal {
  entries: Array<{ idx: number; tag: string; when: number; breakpoints: boolean }>;
}

/** Reads the journal and the .sql files, in journal order. */
export function readMigrations(dir: string): Migration[] {
  const journalFile = join(dir, 'meta', '_journal.json');
  if (!existsSync(journalFile)) {
    throw new AppError('DB_OPEN_FAILED', `No migrations found: ${journalFile} is missing`, { migrationsDir: dir });
  }
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as Journal;
  return [...journal.entries]
    .sort((a, b) => a.idx - b.idx)
    .map((e) => {
      const text = readFileSync(join(dir, `${e.tag}.sql`), 'utf8');
      return {
        tag: e.tag,
        when: e.when,
        hash: createHash('sha256').update(text).digest('hex'),
        statements: text
          .split('--> statement-breakpoint')
          .map((s) => s.trim())
          .filter((s) => s.length > 0)
      };
    });
}

/** Applied history, oldest first; empty when the table does not exist (a new database). */
function appliedHistory(sqlite: Database.Database): Array<{ hash: string; createdAt: number }> {
  const table = sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?`).get(MIGRATIONS_TABLE);
  if (!table) return [];
  return (sqlite.prepare(`SELECT hash, created_at FROM "${MIGRATIONS_TABLE}" ORDER BY created_at, rowid`).all() as Array<{ hash: string; created_at: number | string }>).map(
    (r) => ({ hash: r.hash, createdAt: Number(r.created_at) })
  );
}

/**
 * Throws DB_MIGRATION_MISMATCH unless the database's history is a prefix of the shipped migrations,
 * hash for hash. Reads only.
 */
export function checkHistory(sqlite: Database.Database, migrations: Migration[]): { pending: Migration[] } {
  const applied = appliedHistory(sqlite);
  if (applied.length === 0) {
    // Tables without any history: some other program's database, or one whose history was removed.
    const tables = sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).pluck().all() as string[];
    if (tables.length > 0) {
      throw new AppError(
        'DB_MIGRATION_MISMATCH',
        `The database holds tables (${tables.slice(0, 5).join(', ')}) but no Flowdesk migration history; it was left unchanged.`,
        { reason: 'no-history', tables }
      );
    }
  }
  applied.forEach((row, i) => {
    const expected = migrations[i];
    const byTime = migrations.find((m) => m.when === row.createdAt);
    if (!byTime) {
      throw new AppError(
        'DB_MIGRATION_MISMATCH',
        `The database has a migration this build does not know (created_at ${row.createdAt}); it was probably written by a newer Flowdesk. It was left unchanged.`,
        { reason: 'unknown', createdAt: row.createdAt, hash: row.hash, position: i }
      );
    }
    if (byTime !== expected) {
      throw new AppError('DB_MIGRATION_MISMATCH', `Migration ${byTime.tag} is recorded out of order in the database. It was left unchanged.`, {
        reason: 'order',
        migration: byTime.tag,
        position: i
      });
    }
    if (row.hash !== expected.hash) {
      throw new AppError(
        'DB_MIGRATION_MISMATCH',
        `Migration ${expected.tag} was applied with different contents (hash ${row.hash.slice(0, 12)}…, this build has ${expected.hash.slice(0, 12)}…). It was left unchanged.`,
        { reason: 'altered', migration: expected.tag, databaseHash: row.hash, fileHash: expected.hash }
      );
    }
  });
  return { pending: migrations.slice(applied.length) };
}

/** Checks the history, then applies each pending migration in its own transaction. Returns the tags applied. */
export function migrate(sqlite: Database.Database, dir: string): string[] {
  const migrations = readMigrations(dir);
  const { pending } = checkHistory(sqlite, migrations);
  if (pending.length === 0) return [];
  for (const m of pending) {
    sqlite
      .transaction(() => {
        // Inside the transaction, so a failed first migration leaves no trace. The same DDL drizzle's
        // migrator uses, so either tool can read the history.
        sqlite.exec(`CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`);
        for (const statement of m.statements) sqlite.exec(statement);
        sqlite.prepare(`INSERT INTO "${MIGRATIONS_TABLE}" ("hash", "created_at") VALUES (?, ?)`).run(m.hash, m.when);
      })
      .immediate();
  }
  return pending.map((m) => m.tag);
}

/**
 * resources/migrations, found by walking up from this module (src/main/core/db under vitest,
 * out/main in the build); FLOWDESK_MIGRATIONS_DIR overrides, and a packaged app's resources folder
 * is tried too.
 */
export function findMigrationsDir(start: string = __dirname): string {
  const fromEnv = process.env.FLOWDESK_MIGRATIONS_DIR;
  if (fromEnv) return resolve(fromEnv);
  const has = (d: string): boolean => existsSync(join(d, 'meta', '_journal.json'));
  let dir = resolve(start);
  for (;;) {
    const candidate = join(dir, 'resources', 'migrations');
    if (has(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  // Packaged Electron app: extraResources land in process.resourcesPath (no electron import needed).
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  if (resourcesPath && has(join(resourcesPath, 'migrations'))) return join(resourcesPath, 'migrations');
  throw new AppError('DB_OPEN_FAILED', `Could not find resources/migrations above ${start}; set FLOWDESK_MIGRATIONS_DIR`);
}
