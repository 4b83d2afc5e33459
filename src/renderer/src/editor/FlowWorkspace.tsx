// Everything about one open flow: header, editor (or a diff: conflict / history), problems, cursor
// position, the Run Now panel and the history side panel. Remounted per flow (keyed by id in App).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobError } from '../../../shared/domain';
import { useCommand } from '../hooks';
import { errorLocation } from '../run/format';
import { monaco } from './monaco-setup';
import { HistoryPanel } from '../history/HistoryPanel';
import { VersionDiff } from '../history/VersionDiff';
import { RunPanel } from '../run/RunPanel';
import { ConflictView } from './ConflictView';
import { EditorHeader } from './EditorHeader';
import { FlowEditor, type CodeEditor } from './FlowEditor';
import { Problems } from './Problems';
import { Splitter, useSplitSize } from './Splitter';
import { useFlowDoc } from './useFlowDoc';

export function FlowWorkspace({ flowId }: { flowId: number }): React.JSX.Element {
  const editorRef = useRef<CodeEditor | null>(null);
  const doc = useFlowDoc(flowId, () => editorRef.current?.getModel()?.getValue());
  const [cursor, setCursor] = useState({ line: 1, column: 1 });
  const [historyOpen, setHistoryOpen] = useState(false);
  const [compare, setCompare] = useState<number | null>(null);
  const [runHeight, setRunHeight] = useSplitSize();

  const onEditor = useCallback((ed: CodeEditor | null) => {
    editorRef.current = ed;
  }, []);
  const onCursor = useCallback((line: number, column: number) => setCursor({ line, column }), []);

  const goto = useCallback((line: number, column: number) => {
    setCompare(null);
    const ed = editorRef.current;
    if (!ed) return;
    ed.setPosition({ lineNumber: line, column });
    ed.revealLineInCenter(line);
    ed.focus();
  }, []);
  // A failed run marks its line in the editor, like a compile error, until another run replaces it.
  const markRunError = useCallback((error: JobError | null) => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    const at = error ? errorLocation(error) : null;
    const line = at ? Math.min(Math.max(at.line, 1), model.getLineCount()) : 0;
    monaco.editor.setModelMarkers(
      model,
      'flowdesk-run',
      at && error
        ? [
            {
              severity: monaco.MarkerSeverity.Error,
              message: `${error.code}: ${error.message} (last run)`,
              startLineNumber: line,
              startColumn: model.getLineFirstNonWhitespaceColumn(line) || 1,
              endLineNumber: line,
              endColumn: model.getLineMaxColumn(line),
              source: 'run'
            }
          ]
        : []
    );
  }, []);
  const format = (): void => void editorRef.current?.getAction('editor.action.formatDocument')?.run();

  useCommand('save', () => void doc.save());

  // Closing or reloading the page with unsaved code asks first (the browser shows its own text).
  const dirty = doc.dirty;
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent): void => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
  const restore = (code: string, version: number): void => {
    if (doc.dirty && !window.confirm(`Discard your unsaved changes and restore version ${version}?`)) return;
    void doc.saveCode(code).then((ok) => ok && setCompare(null));
  };

  if (doc.loadError) {
    return (
      <section className="workspace" aria-label="Flow">
        <div className="empty-state">
          <strong>{doc.loadError}</strong>
        </div>
      </section>
    );
  }
  const { flow } = doc;
  if (!flow) return <section className="workspace" aria-label="Flow" aria-busy="true" />;

  const diagCounts = doc.diagnostics.reduce((n, d) => n + (d.severity === 'error' ? 1 : 0), 0);
  return (
    <section className="workspace" aria-label={`Flow ${flow.name}`}>
      <EditorHeader
        flow={flow}
        dirty={doc.dirty}
        saving={doc.saving}
        lastSave={doc.lastSave}
        historyOpen={historyOpen}
        onSave={() => void doc.save()}
        onFormat={format}
        onToggleHistory={() => {
          setHistoryOpen((o) => !o);
          setCompare(null);
        }}
      />
      {doc.saveError && (
        <div className="message message-error workspace-message" role="alert">
          Save failed: {doc.saveError}
        </div>
      )}
      {doc.remoteVersion !== null && !doc.conflict && (
        <div className="message message-warn workspace-message" role="alert">
          <span className="grow">
            v{doc.remoteVersion} was saved elsewhere while you edit v{flow.version}. Saving will ask you to choose.
          </span>
          <button type="button" className="btn" onClick={() => void doc.save()}>
            Compare now
          </button>
        </div>
      )}
      <div className="workspace-body">
        <div className="editor-column">
          <div className="editor-area">
            <div className="editor-host" hidden={doc.conflict !== null || compare !== null}>
              <FlowEditor
                flowId={flow.id}
                language={flow.language}
                value={doc.draft}
                valueRev={doc.draftRev}
                diagnostics={doc.diagnostics}
                onChange={doc.setDraft}
                onEditor={onEditor}
                onCursor={onCursor}
              />
            </div>
            {doc.conflict && (
              <ConflictView
                draft={doc.draft}
                theirs={doc.conflict}
                baseVersion={flow.version}
                busy={doc.saving}
                onKeepMine={() => void doc.keepMine()}
                onTakeTheirs={doc.takeTheirs}
                onClose={doc.dismissConflict}
              />
            )}
            {!doc.conflict && compare !== null && (
              <VersionDiff
                flow={flow}
                version={compare}
                busy={doc.saving}
                onRestore={(code) => restore(code, compare)}
                onClose={() => setCompare(null)}
              />
            )}
          </div>
          <Problems diagnostics={doc.diagnostics} onGoto={goto} />
          <div className="editor-statusline">
            <span aria-label="Cursor position" className="mono">
              Ln {cursor.line}, Col {cursor.column}
            </span>
            <span>{flow.language === 'typescript' ? 'TypeScript' : 'JavaScript'}</span>
            <span className={diagCounts > 0 ? 'status-errors' : 'muted'}>
              {doc.diagnostics.length === 0 ? 'No problems' : `${doc.diagnostics.length} problem${doc.diagnostics.length === 1 ? '' : 's'}`}
            </span>
            <span className="spacer" />
            <span className="faint" title="Monaco keeps Tab for indenting; Ctrl+M switches Tab to move focus out of the editor">
              Ctrl+M: Tab moves focus
            </span>
            <span className="faint">Saved {new Date(flow.updatedAt).toLocaleString()}</span>
          </div>
          <Splitter size={runHeight} onResize={setRunHeight} />
          <div className="run-host" style={{ height: runHeight }}>
            <RunPanel
              flowId={flow.id}
              savedVersion={flow.version}
              dirty={doc.dirty}
              getDraft={() => editorRef.current?.getValue() ?? doc.draft}
              onGoto={goto}
              onError={markRunError}
            />
          </div>
        </div>
        {historyOpen && (
          <HistoryPanel
            flowId={flow.id}
            currentVersion={flow.version}
            selected={compare}
            onSelect={setCompare}
            onClose={() => {
              setHistoryOpen(false);
              setCompare(null);
            }}
          />
        )}
      </div>
    </section>
  );
}
