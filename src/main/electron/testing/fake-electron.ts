// Fakes for the Electron objects the startup sequence drives (the binary cannot run here): an `app`
// whose quit() runs the real 'before-quit' -> 'will-quit' protocol, and a window that records what
// the sequence did to it. Tests only.
import { EventEmitter } from 'node:events';
import type { AppLike, DesktopWindow } from '../desktop';
import type { StartupErrorPage } from '../startup-error';
import type { WindowState } from '../window-state';

export class FakeApp extends EventEmitter implements AppLike {
  hasLock = true;
  quitCalls = 0;
  exitCode: number | undefined;
  constructor(private readonly userData: string) {
    super();
  }
  requestSingleInstanceLock(): boolean {
    return this.hasLock;
  }
  async whenReady(): Promise<void> {}
  getPath(): string {
    return this.userData;
  }
  /** Like Electron: 'before-quit' may be prevented; otherwise 'will-quit' follows and the app ends. */
  quit(): void {
    this.quitCalls++;
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) this.emit('will-quit', { preventDefault: () => undefined });
  }
  exit(code = 0): void {
    this.exitCode = code;
  }
}

export class FakeWindow implements DesktopWindow {
  readonly calls: string[] = [];
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  destroyed = false;
  errorPage: StartupErrorPage | undefined;
  private readonly closeListeners: Array<() => void> = [];
  constructor(public state: WindowState) {}

  readonly webContents = {
    send: (channel: string, ...args: unknown[]) => void this.sent.push({ channel, args: structuredClone(args) }),
    isDestroyed: () => this.destroyed
  };
  async loadApp(): Promise<void> {
    this.calls.push('loadApp');
  }
  async loadError(page: StartupErrorPage): Promise<void> {
    this.errorPage = page;
    this.calls.push('loadError');
  }
  show(): void {
    this.calls.push('show');
  }
  focus(): void {
    this.calls.push('focus');
  }
  currentState(): WindowState | null {
    return this.destroyed ? null : this.state;
  }
  onClose(listener: () => void): void {
    this.closeListeners.push(listener);
  }
  /** The user closes the window. */
  close(): void {
    for (const l of this.closeListeners) l();
    this.destroyed = true;
  }
}
