// A horizontal splitter between the editor and the Run Now panel: drag or use the arrow keys.
import { useCallback, useEffect, useState } from 'react';

const KEY = 'flowdesk.runPanelHeight';
const MIN = 120;

export function useSplitSize(initial = 300): [number, (n: number) => void] {
  const [size, setSize] = useState(() => Number(localStorage.getItem(KEY)) || initial);
  useEffect(() => localStorage.setItem(KEY, String(size)), [size]);
  const set = useCallback((n: number) => setSize(Math.round(Math.max(MIN, Math.min(n, window.innerHeight - 200)))), []);
  return [size, set];
}

export function Splitter({ size, onResize }: { size: number; onResize(n: number): void }): React.JSX.Element {
  const onPointerDown = (e: React.PointerEvent<HTMLDivElement>): void => {
    const startY = e.clientY;
    const startSize = size;
    const el = e.currentTarget;
    el.setPointerCapture(e.pointerId);
    const move = (ev: PointerEvent): void => onResize(startSize + (startY - ev.clientY));
    const up = (): void => {
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
    };
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
  };
  return (
    <div
      className="splitter"
      role="separator"
      aria-orientation="horizontal"
      aria-label="Resize Run Now panel"
      aria-valuenow={size}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={(e) => {
        if (e.key === 'ArrowUp') onResize(size + 24);
        else if (e.key === 'ArrowDown') onResize(size - 24);
      }}
    />
  );
}
