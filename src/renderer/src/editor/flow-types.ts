// The flow contract as TypeScript declarations, fed to Monaco for completion and hover docs in both
// JavaScript (via JSDoc `@param {FlowContext} ctx`) and TypeScript flows. Mirrors the runtime's ctx.

export const FLOW_TYPES_DTS = `
/** A level for ctx.log and the captured console. */
type FlowLogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Options for ctx.fetch: the standard RequestInit plus named time limits. */
interface FlowFetchInit extends RequestInit {
  /**
   * Whole-request limit in ms (connect + headers + body). On expiry the request is aborted with a
   * TimeoutError that names this limit.
   */
  timeoutMs?: number;
  /**
   * TCP connect limit in ms. Defaults to the queue's connectTimeoutMs (10000). Unlike
   * req.setTimeout (a socket idle timer), this one runs while the connection is being established.
   */
  connectTimeoutMs?: number;
}

/** Read-only facts about the job attempt (null fields for Run Now). */
interface FlowJobFacts {
  /** Queue job id, or null for Run Now. */
  readonly id: number | null;
  /** Run Now id, or null for a queue job. */
  readonly runId: string | null;
  /** 1-based attempt number. */
  readonly attempt: number;
  /** The queue's maxAttempts (1 for Run Now). */
  readonly maxAttempts: number;
  /** Queue name, or null for Run Now. */
  readonly queue: string | null;
}

/** Read-only facts about the flow version that is running. */
interface FlowFacts {
  readonly id: number;
  readonly name: string;
  /** The saved version running, or null for an unsaved Run Now draft. */
  readonly version: number | null;
}

/** The second argument of a flow: logging, progress, cancellation, a guarded fetch and facts. */
interface FlowContext {
  /** Log a line at info level (or the given level). Captured per attempt and shown live. */
  log(...args: unknown[]): void;
  /** Log at info level. */
  info(...args: unknown[]): void;
  /** Log at warn level. */
  warn(...args: unknown[]): void;
  /** Log at error level. */
  error(...args: unknown[]): void;
  /** Log at debug level. */
  debug(...args: unknown[]): void;
  /**
   * Report progress: a number 0..1 (or 0..100), a message, or both. Counts as activity for hang
   * detection and shows in the monitor.
   */
  progress(value: number | string, message?: string): void;
  /** Fires when the attempt is cancelled or times out. Pass it to fetch/timers and stop promptly. */
  readonly signal: AbortSignal;
  /**
   * fetch with named time limits. Connect is bounded by default, so an unreachable host fails with
   * CONNECT_TIMEOUT instead of hanging the job.
   * @example const res = await ctx.fetch('http://127.0.0.1:8080/hook', { method: 'POST', timeoutMs: 5000 });
   */
  fetch(url: string | URL, init?: FlowFetchInit): Promise<Response>;
  /** The job attempt running this code. */
  readonly job: FlowJobFacts;
  /** The flow and version running this code. */
  readonly flow: FlowFacts;
}

/**
 * A flow module's default export.
 * @example export default async function (input, ctx) { ctx.log('hi'); return { ok: true }; }
 */
type Flow<I = unknown, R = unknown> = (input: I, ctx: FlowContext) => Promise<R> | R;
`;

/**
 * Node built-ins may be imported by flows (the incident's flow used node:http). Full Node typings
 * are megabytes; an ambient module per name keeps imports from being red and types them as any.
 */
const NODE_BUILTINS = [
  'assert', 'buffer', 'child_process', 'crypto', 'dns', 'events', 'fs', 'fs/promises', 'http', 'https',
  'net', 'os', 'path', 'process', 'querystring', 'readline', 'stream', 'string_decoder', 'timers',
  'timers/promises', 'tls', 'url', 'util', 'zlib'
];

export const NODE_MODULES_DTS = [
  `declare module 'node:*' { const mod: any; export = mod; }`,
  ...NODE_BUILTINS.map((m) => `declare module '${m}' { const mod: any; export = mod; }`),
  `declare var process: any;`,
  `declare var Buffer: any;`,
  `declare function require(id: string): any;`
].join('\n');
