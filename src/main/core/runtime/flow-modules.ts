// Compiled flow code, cached by codeHash, and live module instances per version.
// Code is evaluated with vm.compileFunction (never import() of fresh URLs: ES modules never unload, so
// every reload would leak). A compiled function is kept in a small LRU; an *instance* (the evaluated
// module with its module-level state and timers) lives while it is its flow's current version or an
// item still runs it. When a newer version becomes current, older instances are disposed (their
// module-level timers cleared) as soon as no running item uses them.
import { compileFunction } from 'node:vm';
import type { JobError } from '../../../shared/domain';
import type { FlowBundle, WorkItem } from '../../../shared/worker-protocol';
import { flowThrew, type MappedCode } from './flow-errors';
import { closeTimerOwner, makeFlowTimers } from './flow-timers';
import { runtimeFlags, type TimerOwner } from './item-state';
import { flowRequire } from './flow-require';

export type FlowMain = (input: unknown, ctx: unknown) => unknown;

interface CompiledCode extends MappedCode {
  codeHash: string;
  flowId: number;
  version: number | null;
  fn: ((...args: unknown[]) => unknown) | null;
  /** FLOW_SYNTAX_ERROR for code that did not compile. */
  error: JobError | null;
}

export interface FlowInstance extends TimerOwner {
  code: CompiledCode;
  main: FlowMain | null;
  /** Load failure (threw at module level, no default export): items of this version fail with it. */
  error: JobError | null;
  running: number;
}

const PARAMS = ['exports', 'require', 'module', '__filename', '__dirname', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'];
const MAX_COMPILED = 64;

export class FlowModules {
  private compiled = new Map<string, CompiledCode>();
  private byFile = new Map<string, CompiledCode>();
  private instances = new Map<string, FlowInstance>();
  /** Newest saved version seen per flow; drafts (version null) never become current. */
  private current = new Map<number, { version: number; codeHash: string }>();

  constructor(private readonly ownFile?: string) {}

  /** Source-map lookup by compiled file name, for stack rewriting. */
  readonly codeFor = (filename: string): MappedCode | undefined => this.byFile.get(filename);

  /** Compiles (if new) and instantiates a bundle; the answer of a `load` message. */
  load(bundle: FlowBundle): FlowInstance {
    const code = this.compile(bundle);
    this.makeCurrent(code);
    const inst = this.instance(code);
    // An older version or a draft loaded on its own is not kept alive: nothing will run it.
    if (inst.running === 0 && !this.isCurrent(code)) this.dispose(inst);
    return inst;
  }

  /** The instance an item runs, holding it until release(); a JobError when it cannot run. */
  acquire(item: WorkItem): FlowInstance | JobError {
    const code = item.bundle ? this.compile(item.bundle) : this.compiled.get(item.codeHash);
    if (!code) {
      return {
        code: 'FLOW_NOT_LOADED',
        message: `This worker has no code for flow ${item.flowId} version ${item.version ?? 'draft'} (hash ${item.codeHash.slice(0, 12)}) and the item carried no bundle`
      };
    }
    this.makeCurrent(code);
    const inst = this.instance(code);
    if (inst.error) return inst.error;
    inst.running++;
    return inst;
  }

  release(inst: FlowInstance): void {
    inst.running--;
    if (inst.running === 0 && !this.isCurrent(inst.code)) this.dispose(inst);
  }

  private compile(bundle: FlowBundle): CompiledCode {
    const hit = this.compiled.get(bundle.codeHash);
    if (hit) {
      this.compiled.delete(bundle.codeHash); // LRU: re-insert as newest
      this.compiled.set(bundle.codeHash, hit);
      return hit;
    }
    const filename = `flowdesk-flow-${bundle.flowId}-v${bundle.version ?? 'draft'}-${bundle.codeHash.slice(0, 10)}.js`;
    const label = sourceLabel(bundle.map) ?? filename;
    const code: CompiledCode = {
      codeHash: bundle.codeHash,
      flowId: bundle.flowId,
      version: bundle.version,
      filename,
      label,
      map: bundle.map,
      fn: null,
      error: bundle.syntaxError
    };
    if (!code.error) {
      try {
        code.fn = compileFunction(bundle.js, PARAMS, { filename }) as CompiledCode['fn'];
      } catch (e) {
        code.error = { code: 'FLOW_SYNTAX_ERROR', message: `${label}: ${(e as Error).message}` };
      }
    }
    this.compiled.set(code.codeHash, code);
    this.byFile.set(filename, code);
    if (this.compiled.size > MAX_COMPILED) this.evictOldest();
    return code;
  }

  private evictOldest(): void {
    for (const [hash, code] of this.compiled) {
      if (this.instances.has(hash)) continue;
      this.compiled.delete(hash);
      this.byFile.delete(code.filename);
      return;
    }
  }

  private instance(code: CompiledCode): FlowInstance {
    const live = this.instances.get(code.codeHash);
    // A module whose top level threw may have hit something transient (a file, the environment):
    // evaluate it again for the next item instead of failing every retry the same way.
    if (live && !(live.error && !code.error && live.running === 0)) return live;
    const inst: FlowInstance = { code, main: null, error: code.error, running: 0, timers: null, closed: false };
    if (code.fn) evaluate(inst, code.fn, this.codeFor, this.ownFile);
    this.instances.set(code.codeHash, inst);
    return inst;
  }

  private isCurrent(code: CompiledCode): boolean {
    return code.version !== null && this.current.get(code.flowId)?.codeHash === code.codeHash;
  }

  private makeCurrent(code: CompiledCode): void {
    if (code.version === null) return;
    const cur = this.current.get(code.flowId);
    if (cur && (cur.codeHash === code.codeHash || cur.version > code.version)) return;
    this.current.set(code.flowId, { version: code.version, codeHash: code.codeHash });
    for (const inst of this.instances.values()) {
      if (inst.code.flowId === code.flowId && inst.code !== code && inst.running === 0) this.dispose(inst);
    }
  }

  private dispose(inst: FlowInstance): void {
    closeTimerOwner(inst);
    this.instances.delete(inst.code.codeHash);
  }
}

/** Runs the module body once; module-level timers belong to the instance. */
function evaluate(inst: FlowInstance, fn: (...args: unknown[]) => unknown, codeFor: (f: string) => MappedCode | undefined, ownFile?: string) {
  const t = makeFlowTimers(inst);
  const mod = { exports: {} as Record<string, unknown> };
  runtimeFlags.loading++;
  try {
    fn.call(mod.exports, mod.exports, flowRequire(t), mod, inst.code.filename, '/', t.setTimeout, t.setInterval, t.clearTimeout, t.clearInterval);
  } catch (e) {
    const err = flowThrew(e, codeFor, ownFile);
    inst.error = { ...err, message: `Loading the flow module failed: ${err.message}` };
    closeTimerOwner(inst);
    return;
  } finally {
    runtimeFlags.loading--;
  }
  const exp = mod.exports as unknown;
  const main = typeof exp === 'function' ? exp : (exp as { default?: unknown } | null)?.default;
  if (typeof main !== 'function') {
    inst.error = {
      code: 'FLOW_NO_DEFAULT_EXPORT',
      message: `${inst.code.label} has no default export function: a flow must \`export default async (input, ctx) => result\``
    };
    closeTimerOwner(inst);
    return;
  }
  inst.main = main as FlowMain;
}

function sourceLabel(map: string | null): string | undefined {
  if (!map) return undefined;
  try {
    const first = (JSON.parse(map) as { sources?: string[] }).sources?.[0];
    return first ? first.split(/[\\/]/).pop() : undefined;
  } catch {
    return undefined;
  }
}
