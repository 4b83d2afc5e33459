// One engine per data folder. Two engines on one database would each "recover" the other's running
// jobs at start and run them a second time at once (the desktop app and serve mode share the default
// folder, so this is easy to do by accident). The lock is a file created exclusively, holding the
// owner's pid; a lock whose process is gone is stale and taken over.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../shared/errors';

export const LOCK_FILE = 'flowdesk.lock';

export interface DataLock {
  release(): void;
}

export function acquireDataLock(dataDir: string): DataLock {
  const file = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx', 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = readHolder(file);
      if (holder !== null && isProcessAlive(holder)) {
        throw new AppError(
          'DATA_DIR_IN_USE',
          `Another Flowdesk (pid ${holder}) is using ${dataDir}. Stop it first or choose another data folder (--data DIR). ` +
            `If no Flowdesk is running, delete ${file}.`,
          { dataDir, pid: holder }
        );
      }
      // Stale (its process is gone) or unreadable half-written: remove it and try again.
      try {
        unlinkSync(file);
      } catch {
        // Another starter removed it first; the next exclusive open decides who wins.
      }
      continue;
    }
    writeSync(fd, `${process.pid}\n`);
    closeSync(fd);
    return {
      release() {
        if (readHolder(file) !== process.pid) return;
        try {
          unlinkSync(file);
        } catch {
          // Already gone: nothing to release.
        }
      }
    };
  }
  throw new AppError('DATA_DIR_IN_USE', `Could not take the lock ${file}; another Flowdesk may be starting on ${dataDir}.`, { dataDir });
}

function readHolder(file: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Whether a process exists (EPERM: it exists but belongs to someone else). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
