// Jobs a dispatcher claimed at enqueue (direct-claim.ts) inside the open enqueue transaction: held
// per worker until that transaction's claim pass takes them, then counted as reserved slots so the
// pass's own claims do not fill the same slots twice (they reach worker.items only when sent).
import type { ClaimedJob } from '../store-types';
import type { WorkerHandle } from '../workers/worker-handle';

export class HandOffs {
  private handed = new Map<WorkerHandle, ClaimedJob[]>();
  private reserved = new Map<WorkerHandle, number>();

  /** Jobs handed over and not yet taken. */
  get count(): number {
    let n = 0;
    for (const claimed of this.handed.values()) n += claimed.length;
    return n;
  }

  heldFor(worker: WorkerHandle): number {
    return this.handed.get(worker)?.length ?? 0;
  }

  add(worker: WorkerHandle, claimed: ClaimedJob): void {
    const list = this.handed.get(worker);
    if (list) list.push(claimed);
    else this.handed.set(worker, [claimed]);
  }

  /** Hands every held batch to `send` (after the commit) and moves the counts to reserved. */
  take(send: (worker: WorkerHandle, claimed: ClaimedJob[]) => void): Array<() => void> {
    const sends: Array<() => void> = [];
    for (const [worker, claimed] of this.handed) {
      sends.push(() => send(worker, claimed));
      this.reserved.set(worker, (this.reserved.get(worker) ?? 0) + claimed.length);
    }
    this.handed = new Map();
    return sends;
  }

  /** The reserved counts for one claim pass (cleared: the next pass sees them in worker.items). */
  takeReserved(): Map<WorkerHandle, number> {
    const reserved = this.reserved;
    this.reserved = new Map();
    return reserved;
  }
}
