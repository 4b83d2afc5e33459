// Options shared by the conflict and history diffs: read-only, always side by side.
import type { monaco } from './monaco-setup';

export const DIFF_OPTIONS: monaco.editor.IDiffEditorConstructionOptions = {
  readOnly: true,
  originalEditable: false,
  renderSideBySide: true,
  // Keep two columns even in a narrow pane: the point is to see both versions at once.
  useInlineViewWhenSpaceIsLimited: false,
  renderOverviewRuler: false,
  minimap: { enabled: false },
  automaticLayout: true,
  scrollBeyondLastLine: false,
  fontSize: 13,
  lineHeight: 20
};
