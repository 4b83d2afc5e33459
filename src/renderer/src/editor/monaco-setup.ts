// Monaco, bundled and offline. @monaco-editor/react would otherwise fetch Monaco from a CDN; here it
// gets the locally imported module, and workers come from our own origin (CSP: worker-src 'self').
import * as monaco from 'monaco-editor';
import { loader } from '@monaco-editor/react';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TsWorker from 'monaco-editor/language/typescript/ts.worker?worker';
import { FLOW_TYPES_DTS, NODE_MODULES_DTS } from './flow-types';

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    if (label === 'typescript' || label === 'javascript') return new TsWorker();
    return new EditorWorker();
  }
};

loader.config({ monaco });

const ts = monaco.typescript;
const compilerOptions: monaco.typescript.CompilerOptions = {
  target: ts.ScriptTarget.ES2020,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.NodeJs,
  allowJs: true,
  allowNonTsExtensions: true,
  allowSyntheticDefaultImports: true,
  esModuleInterop: true,
  strict: false,
  noEmit: true,
  lib: ['es2022', 'dom']
};
ts.typescriptDefaults.setCompilerOptions(compilerOptions);
ts.javascriptDefaults.setCompilerOptions({ ...compilerOptions, checkJs: false });
// JS flows: syntax errors from Monaco, no semantic noise (untyped JS is valid JS). TS flows: the full check.
ts.javascriptDefaults.setDiagnosticsOptions({ noSemanticValidation: true, noSyntaxValidation: false });
ts.typescriptDefaults.setDiagnosticsOptions({ noSemanticValidation: false, noSyntaxValidation: false });
for (const defaults of [ts.javascriptDefaults, ts.typescriptDefaults]) {
  defaults.addExtraLib(FLOW_TYPES_DTS, 'file:///flowdesk/flow-context.d.ts');
  defaults.addExtraLib(NODE_MODULES_DTS, 'file:///flowdesk/node-modules.d.ts');
  defaults.setEagerModelSync(true);
}

export { monaco };
