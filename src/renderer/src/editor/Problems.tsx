// Compile diagnostics from the last save, listed under the editor; each one jumps to its line.
import type { Diagnostic } from '../../../shared/domain';

interface Props {
  diagnostics: Diagnostic[];
  onGoto(line: number, column: number): void;
}

export function Problems({ diagnostics, onGoto }: Props): React.JSX.Element | null {
  if (diagnostics.length === 0) return null;
  return (
    <div className="problems" role="region" aria-label="Problems">
      <ul className="list" aria-label="Diagnostics">
        {diagnostics.map((d, i) => (
          <li key={i}>
            <button type="button" className={`problem problem-${d.severity}`} onClick={() => onGoto(d.line, d.column)}>
              <span className="problem-icon" aria-hidden="true">
                {d.severity === 'error' ? '⊗' : '⚠'}
              </span>
              <span className="problem-msg">{d.message}</span>
              <span className="problem-loc mono faint">
                Line {d.line}, col {d.column}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
