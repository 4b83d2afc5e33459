// Turns whatever flow code threw into a JobError with a code, a message people can act on, and a
// stack whose flow frames point at the flow's own source lines (TypeScript too), via the source map
// esbuild produced. We map frames ourselves with node:module's SourceMap instead of
// process.setSourceMapsEnabled: Node 20 does not apply source maps to vm-compiled code.
import { SourceMap } from 'node:module';
import { inspect } from 'node:util';
import type { JobError } from '../../../shared/domain';

/** What flow-errors needs to know about a compiled module. */
export interface MappedCode {
  /** The file name the code was compiled under (appears in V8 stack frames). */
  filename: string;
  /** Name shown for mapped frames, e.g. "my-flow.ts". */
  label: string;
  map: string | null;
  parsedMap?: SourceMap | null;
}

const FRAME_FILE = /\(?([^\s()]+):(\d+):(\d+)\)?$/;

/** Rewrites flow frames to source positions and drops the worker runtime's own frames. */
export function rewriteStack(stack: string, codes: (filename: string) => MappedCode | undefined, ownFile?: string) {
  let top: { line: number; column: number } | undefined;
  const lines: string[] = [];
  let lastFlowFrame = -1;
  for (const raw of stack.split('\n')) {
    if (!raw.trimStart().startsWith('at ')) {
      lines.push(raw);
      continue;
    }
    if (ownFile && raw.includes(ownFile)) continue;
    const m = FRAME_FILE.exec(raw);
    const code = m ? codes(m[1]) : undefined;
    if (!m || !code) {
      lines.push(raw);
      continue;
    }
    const pos = mapPosition(code, Number(m[2]), Number(m[3]));
    top ??= { line: pos.line, column: pos.column };
    lastFlowFrame = lines.length;
    lines.push(raw.slice(0, m.index) + raw.slice(m.index).replace(`${m[1]}:${m[2]}:${m[3]}`, `${pos.source}:${pos.line}:${pos.column}`));
  }
  // Frames below the flow's outermost one are the runtime dispatching it: noise to a flow author.
  if (lastFlowFrame >= 0) lines.length = lastFlowFrame + 1;
  return { stack: lines.join('\n'), top };
}

/** 1-based generated position -> 1-based original position (unchanged when there is no map). */
export function mapPosition(code: MappedCode, line: number, column: number) {
  if (code.parsedMap === undefined) {
    try {
      code.parsedMap = code.map ? new SourceMap(JSON.parse(code.map)) : null;
    } catch {
      code.parsedMap = null;
    }
  }
  const entry = code.parsedMap?.findEntry(line - 1, column - 1) as
    | { originalLine?: number; originalColumn?: number; originalSource?: string }
    | undefined;
  if (!entry || entry.originalLine === undefined) return { source: code.label, line, column };
  return { source: code.label, line: entry.originalLine + 1, column: (entry.originalColumn ?? 0) + 1 };
}

/** Finds an error with `code` in an error's cause chain (fetch wraps socket errors in `cause`). */
export function findCoded(e: unknown, code: string): Error | undefined {
  for (let i = 0; i < 6 && e && typeof e === 'object'; i++) {
    if ((e as { code?: unknown }).code === code) return e as Error;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export function describeValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 500 ? `${v.slice(0, 500)}…` : v);
  const s = inspect(v, { depth: 2, breakLength: Infinity });
  return s.length > 500 ? `${s.slice(0, 500)}…` : s;
}

function isErrorLike(e: unknown): e is Error {
  return e instanceof Error || (typeof e === 'object' && e !== null && typeof (e as Error).message === 'string' && typeof (e as Error).stack === 'string');
}

/** The JobError for a flow that threw or rejected with `thrown`. */
export function flowThrew(thrown: unknown, codes: (filename: string) => MappedCode | undefined, ownFile?: string): JobError {
  const connect = findCoded(thrown, 'CONNECT_TIMEOUT');
  if (connect) return { code: 'CONNECT_TIMEOUT', message: connect.message };
  if (!isErrorLike(thrown)) return { code: 'FLOW_THREW', message: `Flow threw a non-Error value: ${describeValue(thrown)}` };
  const name = typeof thrown.name === 'string' && thrown.name !== 'Error' ? `${thrown.name}: ` : '';
  const message = `${name}${thrown.message || '(no message)'}`;
  const out: JobError = { code: 'FLOW_THREW', message };
  if (typeof thrown.stack === 'string') {
    const { stack, top } = rewriteStack(thrown.stack, codes, ownFile);
    out.stack = stack;
    if (top) {
      out.line = top.line;
      out.column = top.column;
    }
  }
  return out;
}
