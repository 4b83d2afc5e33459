// Flow code shares its worker process with other items, so what would normally end the process ends
// only the attempt it can be attributed to (AsyncLocalStorage): process.exit() fails that attempt
// with WORKER_CRASHED, an uncaught exception or unhandled rejection fails it with FLOW_THREW. What
// cannot be attributed to an item (a module-level timer that throws) lets the process die: the
// supervisor reports WORKER_CRASHED for its items and starts a fresh worker.
import { describeValue } from './flow-errors';
import { itemStorage, runtimeFlags } from './item-state';
import type { Runner } from './runner';

/** Thrown out of flow code by the intercepted process.exit, to stop the code after the call. */
export class FlowExitSignal extends Error {
  constructor(readonly exitCode: unknown) {
    super(`The flow called process.exit(${exitCode === undefined ? '' : String(exitCode)})`);
    this.name = 'FlowExitSignal';
  }
}

export function installProcessGuards(runner: Runner, realExit: (code?: number) => never): void {
  process.exit = function exit(code?: number | string | null): never {
    const st = itemStorage.getStore();
    if (st || runtimeFlags.loading > 0) {
      if (st && !st.closed) {
        runner.forceEnd(st, {
          code: 'WORKER_CRASHED',
          message: `The flow called process.exit(${code ?? ''}); only this attempt was ended (flows share their worker process, so they must return or throw instead)`
        });
      }
      throw new FlowExitSignal(code);
    }
    return realExit(typeof code === 'number' ? code : Number(code ?? 0));
  } as typeof process.exit;

  const onError = (err: unknown, kind: string) => {
    const st = itemStorage.getStore();
    if (st) {
      if (!st.closed && !(err instanceof FlowExitSignal)) runner.fail(st, err);
      return; // errors of an attempt that already ended are dropped with it
    }
    const text = err instanceof Error ? (err.stack ?? err.message) : describeValue(err);
    process.stderr.write(`[flowdesk worker] ${kind} outside any item, exiting: ${text}\n`);
    realExit(70);
  };
  process.on('uncaughtException', (err) => onError(err, 'uncaught exception'));
  process.on('unhandledRejection', (reason) => onError(reason, 'unhandled rejection'));
}
