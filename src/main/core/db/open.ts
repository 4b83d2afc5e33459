// Opening the database is a function call, never an import side effect: the engine, tests and the
// shells each decide which file and when.
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { AppError, isAppError } from '../../../shared/errors';
import { findMigrationsDir, migrate } from './migrate';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema>;

export interface OpenedDatabase {
  sqlite: Database.Database;
  db: Db;
  /** Migrations applied by this open (tags). */
  applied: string[];
}

export interface OpenOptions {
  file: string;
  /** Defaults to findMigrationsDir(). */
  migrationsDir?: string;
  /** Path of a better_sqlite3.node built for this runtime (the Electron shell passes its Electron-ABI build). */
  nativeBinding?: string;
}

export function openDatabase(options: OpenOptions): OpenedDatabase {
  let sqlite: Database.Database;
  try {
    sqlite = new Database(options.file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (e) {
    throw new AppError('DB_OPEN_FAILED', `Cannot open the database ${options.file}: ${(e as Error).message}`, { file: options.file });
  }
  try {
    // Wait (up to 5 s) for another connection's write instead of failing with SQLITE_BUSY.
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    // A file that is not a database only fails on first read; read before anything writes.
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
    // History is checked (read-only) inside migrate() before anything is written, so a refused
    // database is left exactly as it was; WAL is switched on only after that check passes.
    const applied = migrate(sqlite, options.migrationsDir ?? findMigrationsDir());
    // WAL: readers (the monitor) never block the claim; NORMAL is durable across app crashes in WAL.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    return { sqlite, db: drizzle(sqlite, { schema }), applied };
  } catch (e) {
    sqlite.close();
    if (isAppError(e)) throw e;
    throw new AppError('DB_OPEN_FAILED', `Cannot open the database ${options.file}: ${(e as Error).message}`, {
      file: options.file,
      sqliteCode: (e as { code?: string }).code
    });
  }
}
