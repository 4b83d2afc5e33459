// VERSION_CONFLICT: someone saved while this draft was open. Show both side by side and let the
// person choose; nothing is overwritten without an explicit click.
import { DiffEditor } from '@monaco-editor/react';
import type { Flow } from '../../../shared/domain';
import { useColorScheme } from '../hooks';
import { DIFF_OPTIONS } from './diff-options';

interface Props {
  draft: string;
  theirs: Flow;
  baseVersion: number;
  busy: boolean;
  onKeepMine(): void;
  onTakeTheirs(): void;
  onClose(): void;
}

export function ConflictView({ draft, theirs, baseVersion, busy, onKeepMine, onTakeTheirs, onClose }: Props): React.JSX.Element {
  const scheme = useColorScheme();
  return (
    <div className="diff-view" role="region" aria-label="Version conflict">
      <div className="message message-warn diff-banner" role="alert">
        <span className="grow">
          <strong>Version conflict.</strong> This flow was saved elsewhere as v{theirs.version} while you edited v{baseVersion}.
          Left: v{theirs.version} on the server. Right: your unsaved draft.
        </span>
        <button type="button" className="btn btn-primary" disabled={busy} onClick={onKeepMine}>
          Keep mine (save over v{theirs.version})
        </button>
        <button type="button" className="btn" disabled={busy} onClick={onTakeTheirs}>
          Take theirs
        </button>
        <button type="button" className="btn btn-ghost" onClick={onClose}>
          Close
        </button>
      </div>
      <div className="diff-editor">
        <DiffEditor
          original={theirs.code}
          modified={draft}
          language={theirs.language}
          theme={scheme === 'dark' ? 'vs-dark' : 'vs'}
          options={DIFF_OPTIONS}
        />
      </div>
    </div>
  );
}
