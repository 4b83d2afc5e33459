// App commands (New Flow, Save, Run Now, Queue Monitor) from the Electron menu and from keyboard
// shortcuts, delivered to whichever panel handles them. A tiny bus keeps panels decoupled from App.
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { MenuCommand } from '../../../shared/preload-api';

export type AppCommand = MenuCommand;
const handlers = new Map<AppCommand, Set<() => void>>();

/** Runs every handler registered for `command`; answers whether anyone handled it. */
export function emitCommand(command: AppCommand): boolean {
  const set = handlers.get(command);
  if (!set || set.size === 0) return false;
  set.forEach((h) => h());
  return true;
}

/** Handles `command` while mounted (the latest handler is called). */
export function useCommand(command: AppCommand, handler: () => void): void {
  const ref = useRef(handler);
  useLayoutEffect(() => {
    ref.current = handler;
  });
  useEffect(() => {
    let set = handlers.get(command);
    if (!set) handlers.set(command, (set = new Set()));
    const h = (): void => ref.current();
    set.add(h);
    return () => {
      set!.delete(h);
    };
  }, [command]);
}
