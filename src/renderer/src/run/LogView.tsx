// The live log of a run: timestamp, level, message; follows the tail unless scrolled up.
import { useLayoutEffect, useRef } from 'react';
import type { LogLine } from '../../../shared/domain';
import { clockTime } from './format';

export function LogView({ lines, running }: { lines: LogLine[]; running: boolean }): React.JSX.Element {
  const ref = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [lines.length]);

  return (
    <div
      ref={ref}
      className="log-view mono"
      role="log"
      aria-label="Run log"
      aria-live="polite"
      tabIndex={0}
      onScroll={(e) => {
        const el = e.currentTarget;
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
      }}
    >
      {lines.length === 0 && <div className="log-empty faint">{running ? 'Waiting for output…' : 'No log lines.'}</div>}
      {lines.map((l, i) => (
        <div key={i} className={`log-line log-${l.level}`}>
          <span className="log-ts">{clockTime(l.ts)}</span>
          <span className="log-level">{l.level.toUpperCase()}</span>
          <span className="log-msg">{l.message}</span>
        </div>
      ))}
    </div>
  );
}
