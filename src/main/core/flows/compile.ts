// Compiles a flow's source once per saved version (esbuild: TypeScript and modern JS to CommonJS for
// Node 20), so workers only ever load JavaScript and the save can report diagnostics with positions.
// Code that does not compile is still saved: its syntax error is kept and jobs of that version fail
// fast with FLOW_SYNTAX_ERROR instead of the save being refused.
import { createHash } from 'node:crypto';
import { transformSync, type Message } from 'esbuild';
import type { Diagnostic, FlowLanguage, JobError } from '../../../shared/domain';

export interface CompiledFlow {
  js: string;
  /** Source map (JSON text) back to the flow's own source; null when the code did not compile. */
  map: string | null;
  diagnostics: Diagnostic[];
  /** FLOW_SYNTAX_ERROR with the first error's position, or null. */
  syntaxError: JobError | null;
}

export function codeHash(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

/** `label` names the source in stack traces and source maps, e.g. "my-flow.ts". */
export function compileFlow(code: string, language: FlowLanguage, label: string): CompiledFlow {
  try {
    const out = transformSync(code, {
      loader: language === 'typescript' ? 'ts' : 'js',
      format: 'cjs',
      target: 'node20',
      platform: 'node',
      sourcemap: 'external',
      sourcefile: label,
      sourcesContent: true,
      logLevel: 'silent'
    });
    const diagnostics = out.warnings.map((w) => toDiagnostic(w, 'warning'));
    if (!hasDefaultExport(code)) {
      diagnostics.push({
        severity: 'warning',
        message: 'No default export: a flow module must `export default async (input, ctx) => result`',
        line: 1,
        column: 1
      });
    }
    return { js: out.code, map: out.map || null, diagnostics, syntaxError: null };
  } catch (e) {
    const failure = e as { errors?: Message[]; warnings?: Message[]; message?: string };
    const errors = (failure.errors ?? []).map((m) => toDiagnostic(m, 'error'));
    const warnings = (failure.warnings ?? []).map((m) => toDiagnostic(m, 'warning'));
    const first = errors[0] ?? { severity: 'error' as const, message: failure.message ?? 'Does not compile', line: 1, column: 1 };
    const diagnostics = errors.length > 0 ? [...errors, ...warnings] : [first, ...warnings];
    return {
      js: '',
      map: null,
      diagnostics,
      syntaxError: {
        code: 'FLOW_SYNTAX_ERROR',
        message: `${label}:${first.line}:${first.column}: ${first.message}`,
        line: first.line,
        column: first.column
      }
    };
  }
}

/** esbuild lines are 1-based and columns 0-based; editors want both 1-based. */
function toDiagnostic(m: Message, severity: Diagnostic['severity']): Diagnostic {
  return {
    severity,
    message: m.text,
    line: m.location?.line ?? 1,
    column: (m.location?.column ?? 0) + 1
  };
}

/** A cheap textual check (the worker does the real one at load); false positives are harmless. */
function hasDefaultExport(code: string): boolean {
  return (
    /\bexport\s+default\b/.test(code) ||
    /\bexport\s*\{[^}]*\bas\s+default\b/.test(code) ||
    /\bmodule\.exports\s*=/.test(code) ||
    /\bexports\.default\s*=/.test(code)
  );
}

/** File-name-like label for a flow, used in stack traces: "<name>.ts" / "<name>.js". */
export function sourceLabel(name: string, language: FlowLanguage): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'flow';
  return `${safe}.${language === 'typescript' ? 'ts' : 'js'}`;
}
