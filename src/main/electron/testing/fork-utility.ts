// A stand-in for Electron's `utilityProcess` module built on child_process.fork, with utilityProcess's
// documented shapes: fork(modulePath, args, {serviceName, stdio, env}) returns an emitter with pid
// (undefined until 'spawn'), postMessage(msg), kill(): boolean, and the events 'spawn', 'message'
// (the message itself) and 'exit' (a numeric code only). Tests run the real worker entry through
// createUtilityHost with it; the worker speaks the same protocol over process.send as over parentPort.
import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { constants } from 'node:os';
import type { UtilityForkOptions, UtilityProcessLike, UtilityProcessModuleLike } from '../utility-host';

class ForkedUtilityProcess extends EventEmitter implements UtilityProcessLike {
  pid: number | undefined;
  private readonly child: ChildProcess;

  constructor(modulePath: string, args: string[], options: UtilityForkOptions = {}) {
    super();
    const stdio = options.stdio === 'pipe' ? 'pipe' : options.stdio === 'ignore' ? 'ignore' : 'inherit';
    this.child = fork(modulePath, args, {
      serialization: 'advanced',
      stdio: [stdio, stdio, stdio, 'ipc'],
      env: options.env as NodeJS.ProcessEnv | undefined
    });
    this.child.once('spawn', () => {
      this.pid = this.child.pid;
      this.emit('spawn');
    });
    this.child.on('message', (msg) => this.emit('message', msg));
    this.child.on('error', () => undefined);
    // utilityProcess reports a code only; a signal death is reported as the signal's number.
    this.child.once('exit', (code, signal) => this.emit('exit', code ?? (signal ? (constants.signals[signal] ?? 1) : 0)));
  }

  postMessage(message: unknown): void {
    if (this.child.connected) this.child.send(message as object, (err) => void err);
  }

  kill(): boolean {
    return this.child.kill('SIGKILL');
  }
}

export const forkUtilityProcess: UtilityProcessModuleLike = {
  fork: (modulePath, args = [], options) => new ForkedUtilityProcess(modulePath, args, options)
};
