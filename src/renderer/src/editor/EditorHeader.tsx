// The strip above the editor: flow name, language, version, dirty marker, save report, actions.
import { useEffect, useState } from 'react';
import type { Flow } from '../../../shared/domain';
import type { SaveReport } from './useFlowDoc';

interface Props {
  flow: Flow;
  dirty: boolean;
  saving: boolean;
  lastSave: SaveReport | null;
  historyOpen: boolean;
  onSave(): void;
  onFormat(): void;
  onToggleHistory(): void;
}

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);
export const SAVE_KEY = isMac ? '⌘S' : 'Ctrl+S';

export function EditorHeader({ flow, dirty, saving, lastSave, historyOpen, onSave, onFormat, onToggleHistory }: Props): React.JSX.Element {
  return (
    <header className="editor-header">
      <h1 className="flow-title" title={flow.name}>
        {flow.name}
      </h1>
      <span className={`lang-chip lang-${flow.language}`}>{flow.language === 'typescript' ? 'TypeScript' : 'JavaScript'}</span>
      <span className="version-pill mono" aria-label="Current version">
        v{flow.version}
      </span>
      {dirty && (
        <span className="dirty-marker" role="status" aria-label="Unsaved changes" title="Unsaved changes">
          ● unsaved
        </span>
      )}
      <span className="spacer" />
      <SaveNotice report={lastSave} />
      <button type="button" className="btn btn-ghost" onClick={onFormat} title="Format document (Shift+Alt+F)">
        Format
      </button>
      <button type="button" className="btn btn-ghost" aria-pressed={historyOpen} onClick={onToggleHistory}>
        History
      </button>
      <button type="button" className="btn btn-primary" disabled={saving} onClick={onSave} title={`Save (${SAVE_KEY})`}>
        {saving ? 'Saving…' : 'Save'} <span className="kbd-inline">{SAVE_KEY}</span>
      </button>
    </header>
  );
}

/** "v4 saved · 3 workers reloaded in 6 ms", shown for a few seconds after each save. */
function SaveNotice({ report }: { report: SaveReport | null }): React.JSX.Element {
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    if (!report) return;
    setVisible(true);
    const t = setTimeout(() => setVisible(false), 6000);
    return () => clearTimeout(t);
  }, [report]);
  let text = '';
  if (report) {
    if (!report.changed) text = `No changes · still v${report.version}`;
    else {
      const { workers, acked, ms } = report.reload;
      const reload =
        workers === 0
          ? 'no workers to reload'
          : acked === workers
            ? `${workers} worker${workers === 1 ? '' : 's'} reloaded in ${Math.round(ms)} ms`
            : `${acked}/${workers} workers reloaded in ${Math.round(ms)} ms (the rest pick v${report.version} up on their next job)`;
      text = `v${report.version} saved · ${reload}`;
    }
  }
  return (
    <span className={`save-notice${visible ? ' visible' : ''}`} role="status" aria-live="polite">
      {visible ? text : ''}
    </span>
  );
}
