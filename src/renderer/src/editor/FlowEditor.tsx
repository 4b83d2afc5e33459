// The Monaco code editor for one flow: one model per flow (kept across switches, so undo history
// survives), save diagnostics as markers, cursor position reported for the "Ln X, Col Y" indicator.
import Editor, { type OnMount } from '@monaco-editor/react';
import { useEffect, useRef, useState } from 'react';
import type { Diagnostic, FlowLanguage } from '../../../shared/domain';
import { emitCommand, useColorScheme } from '../hooks';
import { monaco } from './monaco-setup';

export type CodeEditor = monaco.editor.IStandaloneCodeEditor;

interface Props {
  flowId: number;
  language: FlowLanguage;
  value: string;
  /** Changes when `value` was replaced from outside; only then is it pushed into the model. */
  valueRev: number;
  diagnostics: Diagnostic[];
  onChange(code: string): void;
  onEditor(editor: CodeEditor | null): void;
  onCursor(line: number, column: number): void;
}

export const MARKER_OWNER = 'flowdesk-save';

export function modelPath(flowId: number, language: FlowLanguage): string {
  return `file:///flows/flow-${flowId}.${language === 'typescript' ? 'ts' : 'js'}`;
}

export const EDITOR_OPTIONS: monaco.editor.IStandaloneEditorConstructionOptions = {
  fontSize: 13,
  lineHeight: 20,
  fontFamily: "ui-monospace, 'SF Mono', 'Cascadia Code', 'JetBrains Mono', Menlo, Consolas, 'DejaVu Sans Mono', monospace",
  minimap: { enabled: false },
  automaticLayout: true,
  scrollBeyondLastLine: false,
  tabSize: 2,
  fixedOverflowWidgets: true,
  renderLineHighlight: 'line',
  padding: { top: 6 },
  smoothScrolling: true,
  ariaLabel: 'Flow code editor'
};

export function FlowEditor({ flowId, language, value, valueRev, diagnostics, onChange, onEditor, onCursor }: Props): React.JSX.Element {
  const scheme = useColorScheme();
  const [editor, setEditor] = useState<CodeEditor | null>(null);
  const onCursorRef = useRef(onCursor);
  onCursorRef.current = onCursor;

  const mount: OnMount = (ed) => {
    setEditor(ed);
    onEditor(ed);
    ed.onDidChangeCursorPosition((e) => onCursorRef.current(e.position.lineNumber, e.position.column));
    // Ctrl/Cmd+Enter runs the flow from the editor (the draft when there are unsaved changes).
    ed.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => emitCommand('run-now'));
    ed.focus();
  };
  useEffect(() => () => onEditor(null), [onEditor]);

  // Not a controlled editor: pushing `value` on every render would overwrite keystrokes typed since.
  const valueRef = useRef(value);
  valueRef.current = value;
  useEffect(() => {
    const model = editor?.getModel();
    if (!model || model.getValue() === valueRef.current) return;
    // An edit operation, not setValue, so undo can go back to the replaced text.
    model.pushEditOperations([], [{ range: model.getFullModelRange(), text: valueRef.current }], () => null);
  }, [editor, valueRev]);

  // Save diagnostics become markers next to Monaco's own; they are replaced on every save.
  useEffect(() => {
    const model = editor?.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(
      model,
      MARKER_OWNER,
      diagnostics.map((d) => ({
        severity: d.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
        message: d.message,
        startLineNumber: d.line,
        startColumn: d.column,
        endLineNumber: d.line,
        endColumn: model.getLineMaxColumn(Math.min(Math.max(d.line, 1), model.getLineCount())),
        source: 'save'
      }))
    );
  }, [editor, diagnostics]);

  return (
    <Editor
      path={modelPath(flowId, language)}
      language={language}
      defaultValue={value}
      theme={scheme === 'dark' ? 'vs-dark' : 'vs'}
      options={EDITOR_OPTIONS}
      onChange={(v) => onChange(v ?? '')}
      onMount={mount}
      loading={<div className="editor-loading muted">Loading editor…</div>}
    />
  );
}
