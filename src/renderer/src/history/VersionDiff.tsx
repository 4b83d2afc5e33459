// A saved version side by side with the current one, and "Restore this version" (saved as a new version).
import { DiffEditor } from '@monaco-editor/react';
import { useEffect, useState } from 'react';
import type { Flow, FlowVersion } from '../../../shared/domain';
import { api } from '../api';
import { useColorScheme } from '../hooks';
import { DIFF_OPTIONS } from '../editor/diff-options';

interface Props {
  flow: Flow;
  version: number;
  busy: boolean;
  onRestore(code: string): void;
  onClose(): void;
}

export function VersionDiff({ flow, version, busy, onRestore, onClose }: Props): React.JSX.Element {
  const scheme = useColorScheme();
  const [old, setOld] = useState<FlowVersion | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    setOld(null);
    api['flows.version']({ id: flow.id, version })
      .then((v) => alive && setOld(v))
      .catch((e: Error) => alive && setError(e.message));
    return () => {
      alive = false;
    };
  }, [flow.id, version]);

  const same = old !== null && old.code === flow.code;
  return (
    <div className="diff-view" role="region" aria-label={`Compare version ${version} with version ${flow.version}`}>
      <div className="diff-banner message message-info">
        <span className="grow">
          Left: <strong>v{version}</strong>
          {old && <span className="muted"> · saved {new Date(old.savedAt).toLocaleString()}</span>}. Right:{' '}
          <strong>v{flow.version}</strong> (current).{same && ' The code is identical.'}
        </span>
        <button
          type="button"
          className="btn btn-primary"
          disabled={!old || busy || version === flow.version || same}
          onClick={() => old && onRestore(old.code)}
        >
          Restore this version
        </button>
        <button type="button" className="btn btn-ghost" onClick={onClose}>
          Close diff
        </button>
      </div>
      {error && (
        <div className="message message-error" role="alert">
          {error}
        </div>
      )}
      <div className="diff-editor">
        {old && (
          <DiffEditor
            original={old.code}
            modified={flow.code}
            language={flow.language}
            theme={scheme === 'dark' ? 'vs-dark' : 'vs'}
            options={DIFF_OPTIONS}
          />
        )}
      </div>
    </div>
  );
}
