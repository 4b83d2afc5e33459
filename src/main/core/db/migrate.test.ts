import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../../test/paths';
import { findMigrationsDir, MIGRATIONS_TABLE, readMigrations } from './migrate';
import { openDatabase } from './open';
import { createStore } from './store';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
function temp(): string {
  const t = tempDir('flowdesk-migrate-');
  cleanups.push(t.cleanup);
  return t.dir;
}

function history(file: string): Array<{ hash: string; created_at: number }> {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(`SELECT hash, created_at FROM "${MIGRATIONS_TABLE}" ORDER BY created_at`).all() as Array<{ hash: string; created_at: number }>;
  } finally {
    db.close();
  }
}

/** A database made by the real store, with a flow in it, closed again. */
function madeDatabase(): string {
  const file = join(temp(), 'flowdesk.db');
  const store = createStore({ file });
  store.flows.create({ name: 'keep-me', code: 'export default async () => 1' }, Date.now());
  store.close();
  return file;
}

describe('migrations', () => {
  it('applies the shipped migrations once, recorded in drizzle format', () => {
    const dir = findMigrationsDir();
    const file = join(temp(), 'a.db');
    const first = openDatabase({ file, migrationsDir: dir });
    expect(first.applied).toEqual(readMigrations(dir).map((m) => m.tag));
    expect(first.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(first.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(first.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    first.sqlite.close();
    const second = openDatabase({ file, migrationsDir: dir });
    expect(second.applied).toEqual([]);
    second.sqlite.close();

    const journal = JSON.parse(readFileSync(join(dir, 'meta', '_journal.json'), 'utf8'));
    const expected = journal.entries.map((e: { tag: string; when: number }) => ({
      hash: createHash('sha256').update(readFileSync(join(dir, `${e.tag}.sql`), 'utf8')).digest('hex'),
      created_at: e.when
    }));
    expect(history(file)).toEqual(expected);
  });

  it('refuses a database with an unknown migration and leaves it unmodified', () => {
    const file = madeDatabase();
    const raw = new Database(file);
    raw.prepare(`INSERT INTO "${MIGRATIONS_TABLE}" (hash, created_at) VALUES (?, ?)`).run('f'.repeat(64), 4102444800000);
    raw.close();
    const bytes = readFileSync(file);
    let caught: unknown;
    try {
      createStore({ file });
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({ code: 'DB_MIGRATION_MISMATCH', details: { reason: 'unknown', createdAt: 4102444800000 } });
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(history(file)).toHaveLength(2);
  });

  it('refuses a database whose applied migration was altered, naming it, and leaves it unmodified', () => {
    const file = madeDatabase();
    const raw = new Database(file);
    raw.prepare(`UPDATE "${MIGRATIONS_TABLE}" SET hash = ?`).run('0'.repeat(64));
    raw.close();
    const bytes = readFileSync(file);
    const before = history(file);
    let caught: unknown;
    try {
      createStore({ file });
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({ code: 'DB_MIGRATION_MISMATCH', details: { reason: 'altered', migration: '0000_init' } });
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(history(file)).toEqual(before);
  });

  it('refuses when a shipped migration file was edited after it was applied', () => {
    const file = madeDatabase();
    const dir = join(temp(), 'migrations');
    mkdirSync(dir);
    cpSync(findMigrationsDir(), dir, { recursive: true });
    const sql = join(dir, '0000_init.sql');
    writeFileSync(sql, readFileSync(sql, 'utf8') + '\n-- edited\n');
    expect(() => openDatabase({ file, migrationsDir: dir })).toThrow(expect.objectContaining({ code: 'DB_MIGRATION_MISMATCH' }));
  });

  it('refuses a database that has tables but no migration history (another program\'s file)', () => {
    const file = join(temp(), 'foreign.db');
    const raw = new Database(file);
    raw.exec('CREATE TABLE flows (x); INSERT INTO flows VALUES (1)');
    raw.close();
    const bytes = readFileSync(file);
    expect(() => createStore({ file })).toThrow(expect.objectContaining({ code: 'DB_MIGRATION_MISMATCH', details: expect.objectContaining({ reason: 'no-history' }) }));
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('answers DB_OPEN_FAILED for a file that is not a database, and leaves it alone', () => {
    const file = join(temp(), 'not-a.db');
    const text = 'this is not an SQLite database, just some text that is long enough to have a header'.repeat(20);
    writeFileSync(file, text);
    expect(() => createStore({ file })).toThrow(expect.objectContaining({ code: 'DB_OPEN_FAILED' }));
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('answers DB_OPEN_FAILED when the folder does not exist', () => {
    expect(() => createStore({ file: join(temp(), 'missing', 'x.db') })).toThrow(expect.objectContaining({ code: 'DB_OPEN_FAILED' }));
  });

  it('finds resources/migrations from its own folder, and honours FLOWDESK_MIGRATIONS_DIR', () => {
    expect(findMigrationsDir()).toMatch(/resources[\\/]migrations$/);
    const old = process.env.FLOWDESK_MIGRATIONS_DIR;
    process.env.FLOWDESK_MIGRATIONS_DIR = '/somewhere/else';
    try {
      expect(findMigrationsDir()).toBe('/somewhere/else');
    } finally {
      if (old === undefined) delete process.env.FLOWDESK_MIGRATIONS_DIR;
      else process.env.FLOWDESK_MIGRATIONS_DIR = old;
    }
  });
});
