// Window size and position, remembered in a small JSON file in the data folder. A missing, corrupt or
// off-screen state falls back to defaults: a bad file must never stop the app from opening.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, maximized: false };
const MIN = { width: 640, height: 420 };
export const WINDOW_STATE_FILE = 'window-state.json';

/**
 * Reads the saved state. `displays` are the work areas of the connected screens: a position that is
 * no longer on any of them (a monitor was unplugged) is dropped so the window opens centred.
 */
export function loadWindowState(dataDir: string, displays: Rect[] = []): WindowState {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(join(dataDir, WINDOW_STATE_FILE), 'utf8'));
  } catch {
    return { ...DEFAULT_WINDOW_STATE };
  }
  const r = raw as Partial<Record<keyof WindowState, unknown>>;
  const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
  if (!num(r.width) || !num(r.height)) return { ...DEFAULT_WINDOW_STATE };
  const state: WindowState = {
    width: Math.max(MIN.width, Math.round(r.width)),
    height: Math.max(MIN.height, Math.round(r.height)),
    maximized: r.maximized === true
  };
  if (num(r.x) && num(r.y)) {
    const rect = { x: Math.round(r.x), y: Math.round(r.y), width: state.width, height: state.height };
    if (displays.length === 0 || displays.some((d) => overlapsEnough(rect, d))) {
      state.x = rect.x;
      state.y = rect.y;
    }
  }
  return state;
}

/** Atomic write (temp file + rename), so a crash mid-write leaves the old state, not half a file. */
export function saveWindowState(dataDir: string, state: WindowState): void {
  const file = join(dataDir, WINDOW_STATE_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(state, null, 2));
  renameSync(tmp, file);
}

/** At least 100x50 px of the title bar area must be on the display, or the window is unreachable. */
function overlapsEnough(w: Rect, d: Rect): boolean {
  const ox = Math.min(w.x + w.width, d.x + d.width) - Math.max(w.x, d.x);
  const oy = Math.min(w.y + 50, d.y + d.height) - Math.max(w.y, d.y);
  return ox >= 100 && oy >= 50;
}
