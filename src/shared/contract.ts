// The one contract. Every call and every event Flowdesk offers is named here once, with its input
// schema, its output type and its HTTP route. The engine implements `Handlers`; the HTTP server, the
// Electron IPC binding, the preload and the renderer's client are all generated from `requests`.
// Adding a call: add a schema in schemas.ts, an entry here and an output type in `Outputs`; the
// type checker then points at every place that must handle it.
import type { z } from 'zod';
import { schemas } from './schemas';
import type {
  CreateFlowResult,
  Flow,
  FlowSummary,
  FlowVersion,
  FlowVersionSummary,
  HealthInfo,
  Hang,
  Job,
  JobRow,
  LiveInfo,
  LogLine,
  Queue,
  QueueStats,
  ReloadReport,
  RunResult,
  RunSummary,
  SaveFlowResult,
  WorkerInfo
} from './domain';

type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestSpec {
  input: z.ZodType;
  /** Route; `:param` segments fill the input key of the same name. GET/DELETE read the query string too. */
  http: { method: HttpMethod; path: string; status?: number };
  /** A short line for docs and the IPC binding's error messages. */
  doc: string;
}

export const requests = {
  'health.get': { input: schemas.empty, http: { method: 'GET', path: '/api/health' }, doc: 'Liveness and version' },

  'flows.list': { input: schemas.empty, http: { method: 'GET', path: '/api/flows' }, doc: 'All flows, by name' },
  'flows.create': { input: schemas.createFlow, http: { method: 'POST', path: '/api/flows', status: 201 }, doc: 'Create a flow at version 1' },
  'flows.get': { input: schemas.flowId, http: { method: 'GET', path: '/api/flows/:id' }, doc: 'One flow with its code' },
  'flows.save': { input: schemas.saveFlow, http: { method: 'PUT', path: '/api/flows/:id' }, doc: 'Save code (version +1 when it changed) and reload workers' },
  'flows.rename': { input: schemas.renameFlow, http: { method: 'POST', path: '/api/flows/:id/rename' }, doc: 'Rename without touching the code or version' },
  'flows.delete': { input: schemas.flowId, http: { method: 'DELETE', path: '/api/flows/:id', status: 204 }, doc: 'Delete a flow no queue is bound to' },
  'flows.versions': { input: schemas.flowId, http: { method: 'GET', path: '/api/flows/:id/versions' }, doc: 'Saved versions, newest first' },
  'flows.version': { input: schemas.flowVersion, http: { method: 'GET', path: '/api/flows/:id/versions/:version' }, doc: 'One saved version with its code' },
  'flows.run': { input: schemas.runFlow, http: { method: 'POST', path: '/api/flows/:id/run' }, doc: 'Run Now: the saved version, or a draft when code is given' },
  'flows.runs': { input: schemas.listRuns, http: { method: 'GET', path: '/api/flows/:id/runs' }, doc: 'Recent runs of a flow, newest first' },

  'runs.get': { input: schemas.runId, http: { method: 'GET', path: '/api/runs/:runId' }, doc: 'One run with result, error and logs' },
  'runs.cancel': { input: schemas.runId, http: { method: 'POST', path: '/api/runs/:runId/cancel' }, doc: 'Cancel a running Run Now' },

  'queues.list': { input: schemas.empty, http: { method: 'GET', path: '/api/queues' }, doc: 'All queues' },
  'queues.create': { input: schemas.createQueue, http: { method: 'POST', path: '/api/queues', status: 201 }, doc: 'Create a queue bound to a flow' },
  'queues.get': { input: schemas.queueName, http: { method: 'GET', path: '/api/queues/:name' }, doc: 'One queue' },
  'queues.update': { input: schemas.updateQueue, http: { method: 'PATCH', path: '/api/queues/:name' }, doc: 'Change options; applies from the next pickup' },
  'queues.delete': { input: schemas.queueName, http: { method: 'DELETE', path: '/api/queues/:name', status: 204 }, doc: 'Delete a queue; pending jobs end QUEUE_DELETED' },
  'queues.enqueue': { input: schemas.enqueue, http: { method: 'POST', path: '/api/queues/:name/jobs', status: 201 }, doc: 'Add a job (an idempotency key returns the existing job)' },
  'queues.jobs': { input: schemas.listJobs, http: { method: 'GET', path: '/api/queues/:name/jobs' }, doc: 'Jobs newest first, full detail' },
  'queues.jobRows': { input: schemas.jobRows, http: { method: 'GET', path: '/api/queues/:name/job-rows' }, doc: 'Compact job rows by offset, for long virtualised lists' },
  'queues.stats': { input: schemas.queueName, http: { method: 'GET', path: '/api/queues/:name/stats' }, doc: 'Counts, throughput, durations' },
  'queues.purge': { input: schemas.queueName, http: { method: 'POST', path: '/api/queues/:name/purge' }, doc: 'Cancel pending jobs only' },

  'jobs.get': { input: schemas.jobId, http: { method: 'GET', path: '/api/jobs/:id' }, doc: 'One job with attempts and live state' },
  'jobs.cancel': { input: schemas.jobId, http: { method: 'POST', path: '/api/jobs/:id/cancel' }, doc: 'Cancel a pending or running job' },
  'jobs.retry': { input: schemas.jobId, http: { method: 'POST', path: '/api/jobs/:id/retry' }, doc: 'Run a failed or cancelled job again, on the current version' },
  'jobs.logs': { input: schemas.jobLogs, http: { method: 'GET', path: '/api/jobs/:id/logs' }, doc: 'Logs of one attempt (default: the last)' },

  'workers.list': { input: schemas.empty, http: { method: 'GET', path: '/api/workers' }, doc: 'Live worker processes' }
} as const satisfies Record<string, RequestSpec>;

export type RequestName = keyof typeof requests;
export const REQUEST_NAMES = Object.keys(requests) as RequestName[];

/** What each call answers. */
export interface Outputs {
  'health.get': HealthInfo;
  'flows.list': FlowSummary[];
  'flows.create': CreateFlowResult;
  'flows.get': Flow;
  'flows.save': SaveFlowResult;
  'flows.rename': Flow;
  'flows.delete': void;
  'flows.versions': FlowVersionSummary[];
  'flows.version': FlowVersion;
  /** With wait=false only runId and status are meaningful until the run ends. */
  'flows.run': RunResult;
  'flows.runs': RunSummary[];
  'runs.get': RunResult;
  'runs.cancel': RunResult;
  'queues.list': Queue[];
  'queues.create': Queue;
  'queues.get': Queue;
  'queues.update': Queue;
  'queues.delete': void;
  'queues.enqueue': Job & { created: boolean };
  'queues.jobs': Job[];
  'queues.jobRows': { total: number; rows: JobRow[] };
  'queues.stats': QueueStats;
  'queues.purge': { purged: number };
  'jobs.get': Job;
  'jobs.cancel': Job;
  'jobs.retry': Job;
  'jobs.logs': { attempt: number | null; lines: LogLine[]; truncated: boolean };
  'workers.list': WorkerInfo[];
}

/** The parsed (post-schema) input of each call. */
export type Inputs = { [K in RequestName]: z.output<(typeof requests)[K]['input']> };
/** What a caller may send (pre-schema). */
export type RawInputs = { [K in RequestName]: z.input<(typeof requests)[K]['input']> };

/** The engine implements this; both shells bind it; the renderer calls it. */
export type Handlers = { [K in RequestName]: (input: Inputs[K]) => Promise<Outputs[K]> };

/** The renderer-facing API: one named function per call, taking the raw input. */
export type Api = { [K in RequestName]: (input: RawInputs[K]) => Promise<Outputs[K]> };

// ---- events ----------------------------------------------------------------
// Main pushes state changes, never per-second ticks: the renderer derives elapsed time from
// `startedAt` with its own clock. High-rate events (job.updated) are coalesced and batched.

export interface Events {
  /** A flow was created, renamed or saved (versionChanged says whether the code changed). */
  'flow.saved': { flow: FlowSummary; versionChanged: boolean };
  'flow.deleted': { id: number };
  /** Every live worker bound to the flow acknowledged `version` (or the bounded wait ended). */
  'workers.reloaded': { flowId: number; version: number; report: ReloadReport };
  /** Worker list changed (spawn, exit, state, loaded version). Carries the full list: it is short. */
  'workers.updated': { workers: WorkerInfo[] };
  /** Jobs whose row changed, batched over a short window. */
  'job.updated': { jobs: JobRow[] };
  /** A running job's hang flag was raised (hang set) or cleared (hang null). */
  'job.hang': { jobId: number; queue: string; hang: Hang | null; live: LiveInfo };
  /** A running job's live facts changed in a way worth showing (pending operations, progress). */
  'job.live': { jobId: number; queue: string; live: LiveInfo };
  'run.log': { runId: string; flowId: number; lines: LogLine[] };
  'run.updated': { run: RunSummary; live: LiveInfo | null };
  'queue.updated': { queue: Queue };
  'queue.deleted': { name: string };
  'queue.stats': QueueStats;
}

export type EventName = keyof Events;
export const EVENT_NAMES: EventName[] = [
  'flow.saved',
  'flow.deleted',
  'workers.reloaded',
  'workers.updated',
  'job.updated',
  'job.hang',
  'job.live',
  'run.log',
  'run.updated',
  'queue.updated',
  'queue.deleted',
  'queue.stats'
];

export interface EventEnvelope<K extends EventName = EventName> {
  /** Monotonic per engine start; a reconnecting client uses it to notice gaps and re-fetch. */
  seq: number;
  type: K;
  data: Events[K];
}

/** IPC channel names are derived, never typed by hand. */
export const ipcChannel = (name: RequestName): string => `flowdesk:${name}`;
export const IPC_EVENT_CHANNEL = 'flowdesk:event';
