// Run Now: JSON input, run the saved version or the unsaved draft, live logs, result or error,
// duration, the version that ran, cancel while running, and recent runs to reopen.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { JobError } from '../../../shared/domain';
import { useCommand, useNow } from '../hooks';
import { LiveNote } from './LiveNote';
import { LogView } from './LogView';
import { RecentRuns } from './RecentRuns';
import { RunOutcome } from './RunOutcome';
import { formatDuration, parseInput } from './format';
import { useRun, type RunView } from './useRun';

interface Props {
  flowId: number;
  savedVersion: number | null;
  dirty: boolean;
  getDraft(): string;
  onGoto(line: number, column: number): void;
  /** The shown run's error (null when none), so the editor can mark the failing line. */
  onError?(error: JobError | null): void;
}

const inputKey = (flowId: number): string => `flowdesk.runInput.${flowId}`;

export function RunPanel({ flowId, savedVersion, dirty, getDraft, onGoto, onError }: Props): React.JSX.Element {
  const run = useRun(flowId);
  const [inputText, setInputText] = useState(() => localStorage.getItem(inputKey(flowId)) ?? '{}');
  useEffect(() => localStorage.setItem(inputKey(flowId), inputText), [flowId, inputText]);
  const parsed = useMemo(() => parseInput(inputText), [inputText]);
  const [showInvalid, setShowInvalid] = useState(false);
  const panelRef = useRef<HTMLElement>(null);
  const shownError = run.current?.error ?? null;
  useEffect(() => onError?.(shownError), [shownError, onError]);

  const start = (draft: boolean): void => {
    if (!parsed.ok) {
      setShowInvalid(true);
      return;
    }
    // The pressed button turns disabled while the run goes: move focus to the log rather than
    // dropping it on the page (Ctrl+Enter from the editor keeps the editor focused).
    const active = document.activeElement;
    const fromButton = active instanceof HTMLButtonElement && panelRef.current?.contains(active);
    void run.start({ input: parsed.value, draftCode: draft ? getDraft() : undefined, savedVersion });
    if (fromButton) requestAnimationFrame(() => panelRef.current?.querySelector<HTMLElement>('[role="log"]')?.focus());
  };
  useCommand('run-now', () => !run.running && start(dirty));

  const inputError = !parsed.ok && (showInvalid || inputText.trim().length > 0) ? parsed.message : null;
  return (
    <section className="run-panel" aria-label="Run Now" ref={panelRef}>
      <div className="panel-header">
        <h2 className="panel-title">Run now</h2>
        <button
          type="button"
          className="btn btn-primary"
          disabled={run.running || !parsed.ok || savedVersion === null}
          onClick={() => start(false)}
          title="Run the saved version (Ctrl+Enter when there are no unsaved changes)"
        >
          ▶ Run saved{savedVersion !== null ? ` (v${savedVersion})` : ''}
        </button>
        <button
          type="button"
          className="btn"
          disabled={run.running || !parsed.ok || !dirty}
          onClick={() => start(true)}
          title={dirty ? 'Run the unsaved code in the editor' : 'No unsaved changes'}
        >
          Run draft
        </button>
        {run.running && (
          <button type="button" className="btn btn-danger" onClick={() => void run.cancel()} disabled={!run.current?.runId}>
            ■ Cancel run
          </button>
        )}
        <span className="spacer" />
        {run.current && <RunFacts run={run.current} />}
      </div>
      <div className="run-body">
        <div className="run-input-col">
          <div className="field run-input-field">
            <label htmlFor={`run-input-${flowId}`}>Input (JSON)</label>
            <textarea
              id={`run-input-${flowId}`}
              className="input run-input"
              spellCheck={false}
              value={inputText}
              aria-invalid={inputError ? true : undefined}
              aria-describedby={inputError ? `run-input-error-${flowId}` : undefined}
              onChange={(e) => setInputText(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                  e.preventDefault();
                  if (!run.running) start(dirty);
                }
              }}
            />
            {inputError ? (
              <div id={`run-input-error-${flowId}`} className="field-error" role="alert">
                Invalid JSON: {inputError}
              </div>
            ) : (
              <div className="field-hint">Passed to the flow as `input`. Empty means undefined.</div>
            )}
          </div>
          <RecentRuns runs={run.recent} currentId={run.current?.runId ?? null} onOpen={(id) => void run.open(id)} />
        </div>
        <div className="run-output-col">
          {run.current ? (
            <>
              {run.running && <LiveNote live={run.current.live} liveAt={run.current.liveAt} />}
              <LogView lines={run.current.logs} running={run.running} />
              <RunOutcome run={run.current} onGoto={onGoto} />
            </>
          ) : (
            <div className="empty-state run-empty">
              <span>
                Press <strong>Run saved</strong> to run v{savedVersion ?? '?'} with this input, or <strong>Run draft</strong> to try
                unsaved code. Logs and the result show here.
              </span>
            </div>
          )}
        </div>
      </div>
    </section>
  );
}

const STATUS_CLASS: Record<RunView['status'], string> = {
  starting: 'badge-info',
  running: 'badge-info',
  succeeded: 'badge-ok',
  failed: 'badge-danger',
  cancelled: 'badge-warn'
};

function RunFacts({ run }: { run: RunView }): React.JSX.Element {
  const live = run.status === 'running' || run.status === 'starting';
  const now = useNow(live);
  // Ticking once a second: whole seconds while live, the exact figure once it ended.
  const duration = live ? Math.floor(Math.max(0, now - Date.parse(run.startedAt)) / 1000) * 1000 : run.durationMs;
  return (
    <span className="run-facts" role="status" aria-label="Run status">
      <span className={`badge ${STATUS_CLASS[run.status]}`}>{run.status}</span>
      <span className="mono" aria-label="Version that ran">
        {run.flowVersion === null ? 'draft' : `v${run.flowVersion}`}
      </span>
      <span className="mono muted" aria-label="Duration">
        {formatDuration(duration)}
      </span>
    </span>
  );
}
