// All jobs of the queue, newest first, filterable by status. Virtualised: only the rows in view are
// in the DOM and only their pages are fetched (queues.jobRows by offset), so 100,000 jobs scroll
// smoothly. Rows are focusable; Enter or a click opens the detail, arrows move between rows.
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useLayoutEffect, useRef, useSyncExternalStore, type JSX } from 'react';
import { JOB_STATUSES, type JobRow, type JobStatus } from '../../../shared/domain';
import { formatDuration, formatTime } from './format';
import type { JobRowsStore } from './job-rows-store';

const ROW_HEIGHT = 26;

interface Props {
  store: JobRowsStore;
  selectedId: number | null;
  onSelect: (id: number) => void;
}

export const JobsList = memo(function JobsList({ store, selectedId, onSelect }: Props): JSX.Element {
  const snap = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const scrollRef = useRef<HTMLDivElement>(null);
  const measuring = useRef<string | null>(null);
  const total = snap.total ?? 0;
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    store.ensureRange(first, Math.max(first + 1, last + 1));
  }, [store, first, last, snap.total]);

  // Benchmark hook (performance.measure): a filter change ends when its first rows are committed.
  useLayoutEffect(() => {
    if (measuring.current && snap.total !== null && (snap.total === 0 || store.rowAt(first))) {
      performance.measure('monitor:filter-change', measuring.current);
      measuring.current = null;
    }
  });

  const changeFilter = (value: string): void => {
    measuring.current = `monitor:filter-start:${performance.now()}`;
    performance.mark(measuring.current);
    virtualizer.scrollToOffset(0);
    void store.setFilter(value ? (value as JobStatus) : undefined);
  };

  const focusRow = (index: number): void => {
    if (index < 0 || index >= total) return;
    virtualizer.scrollToIndex(index);
    requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-index="${index}"] [tabindex]`)?.focus());
  };

  return (
    <section className="mon-section mon-jobs" aria-labelledby="jobs-list-h">
      <div className="mon-jobs-head">
        <h3 className="mon-h" id="jobs-list-h">
          Jobs <span className="faint">{snap.total === null ? '' : snap.total.toLocaleString()}</span>
        </h3>
        <label className="mon-filter">
          <span>Status</span>
          <select className="input" aria-label="Filter jobs by status" value={store.filter ?? ''} onChange={(e) => changeFilter(e.target.value)}>
            <option value="">All</option>
            {JOB_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="mon-jobs-cols" aria-hidden="true">
        <span>Job</span><span>Status</span><span>Version</span><span>Created</span><span>Duration</span><span>Error</span>
      </div>
      <div ref={scrollRef} className="mon-jobs-scroll" role="list" aria-label="Jobs" aria-busy={snap.total === null}>
        {snap.total === 0 && (
          <p className="empty-state">
            {store.filter ? `No ${store.filter} jobs.` : 'No jobs yet — enqueue one with a JSON payload above.'}
          </p>
        )}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = store.rowAt(item.index);
            return (
              <div
                key={item.key}
                data-index={item.index}
                className="mon-jobs-row-slot"
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
              >
                {row ? (
                  <JobListRow
                    row={row}
                    index={item.index}
                    selected={row.id === selectedId}
                    onSelect={onSelect}
                    onMove={focusRow}
                  />
                ) : (
                  <div className="mon-jobs-row is-loading" role="listitem" aria-label="Loading job">…</div>
                )}
              </div>
            );
          })}
        </div>
      </div>
      {snap.error && <p className="field-error" role="alert">Could not load jobs: {snap.error}</p>}
    </section>
  );
});

interface RowProps {
  row: JobRow;
  index: number;
  selected: boolean;
  onSelect: (id: number) => void;
  onMove: (index: number) => void;
}

function JobListRow({ row, index, selected, onSelect, onMove }: RowProps): JSX.Element {
  return (
    <div
      role="listitem"
      tabIndex={0}
      aria-label={`Job #${row.id} ${row.status}`}
      aria-current={selected ? 'true' : undefined}
      className={`mon-jobs-row${selected ? ' is-selected' : ''}`}
      onClick={() => onSelect(row.id)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onSelect(row.id);
        } else if (e.key === 'ArrowDown') {
          e.preventDefault();
          onMove(index + 1);
        } else if (e.key === 'ArrowUp') {
          e.preventDefault();
          onMove(index - 1);
        }
      }}
    >
      <span className="mono">#{row.id}</span>
      <span>
        <span className={`badge mon-st-${row.status}`}>{row.status}</span>
      </span>
      <span className="mono">{row.lastFlowVersion === null ? '—' : `v${row.lastFlowVersion}`}</span>
      <span className="mono">{formatTime(row.createdAt)}</span>
      <span className="mono">{formatDuration(row.durationMs)}</span>
      {/* A running (retried) job's code is its previous attempt's: not this attempt's error. */}
      <span className="mono mon-err">
        {row.status === 'running' ? '' : row.status === 'pending' ? (row.errorCode ? <span className="faint">retrying after {row.errorCode}</span> : '') : (row.errorCode ?? '')}
      </span>
    </div>
  );
}
