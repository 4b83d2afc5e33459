// Log lines of job attempts ("job:<id>:<n>") and runs ("run:<runId>"), in arrival order. Workers cap
// each attempt's log; once the cap is hit the owner gets a truncated marker so the UI can say so.
import type Database from 'better-sqlite3';
import type { LogLevel, LogLine } from '../../../shared/domain';
import type { LogStore } from '../store-types';
import { iso } from './codec';

export function createLogStore(sqlite: Database.Database): LogStore {
  const lastSeq = sqlite.prepare(`SELECT coalesce(max(seq), 0) FROM logs WHERE owner = ?`).pluck();
  const insert = sqlite.prepare(`INSERT INTO logs (owner, seq, ts, level, message) VALUES (?, ?, ?, ?, ?)`);
  const mark = sqlite.prepare(`INSERT INTO log_truncations (owner, at) VALUES (?, ?) ON CONFLICT(owner) DO NOTHING`);
  const lines = sqlite.prepare(`SELECT ts, level, message FROM logs WHERE owner = ? ORDER BY seq`);
  const marked = sqlite.prepare(`SELECT 1 FROM log_truncations WHERE owner = ?`).pluck();

  const appendTx = sqlite.transaction((owner: string, batch: LogLine[], truncated: boolean) => {
    let seq = lastSeq.get(owner) as number;
    for (const l of batch) {
      const ts = Date.parse(l.ts);
      insert.run(owner, ++seq, Number.isNaN(ts) ? Date.now() : ts, l.level, l.message);
    }
    if (truncated) mark.run(owner, Date.now());
  });

  return {
    append(owner, batch, truncated = false) {
      if (batch.length === 0 && !truncated) return;
      appendTx.immediate(owner, batch, truncated);
    },
    read(owner) {
      const rows = lines.all(owner) as Array<{ ts: number; level: LogLevel; message: string }>;
      return {
        lines: rows.map((r) => ({ ts: iso(r.ts), level: r.level, message: r.message })),
        truncated: marked.get(owner) !== undefined
      };
    }
  };
}
