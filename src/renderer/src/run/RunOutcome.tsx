// The end of a run: pretty JSON result, or the error with its code and a jump to the failing line.
import type { RunView } from './useRun';
import { errorLocation, prettyJson } from './format';

interface Props {
  run: RunView;
  onGoto(line: number, column: number): void;
}

export function RunOutcome({ run, onGoto }: Props): React.JSX.Element | null {
  if (run.startError) {
    return (
      <div className="message message-error" role="alert">
        Could not start the run: {run.startError}
      </div>
    );
  }
  if (run.status === 'succeeded') {
    return (
      <div className="run-outcome" role="region" aria-label="Run result">
        <div className="run-outcome-title muted">Result</div>
        <pre className="json">{prettyJson(run.result)}</pre>
      </div>
    );
  }
  if ((run.status === 'failed' || run.status === 'cancelled') && run.error) {
    const at = errorLocation(run.error);
    return (
      <div className="run-outcome run-error" role="region" aria-label="Run error">
        <div className="run-error-head">
          <span className="badge badge-danger" aria-label="Error code">
            {run.error.code}
          </span>
          <span className="run-error-msg">{run.error.message}</span>
        </div>
        {at && (
          <button type="button" className="btn btn-ghost run-goto" onClick={() => onGoto(at.line, at.column)}>
            Go to line {at.line}, column {at.column}
          </button>
        )}
        {run.error.stack && (
          <details className="run-stack">
            <summary className="muted">Stack</summary>
            <pre className="json">{run.error.stack}</pre>
          </details>
        )}
      </div>
    );
  }
  return null;
}
