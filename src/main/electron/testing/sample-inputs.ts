// One valid raw input per contract request, for the IPC and preload surface tests. Typed by the
// contract, so adding a request without a sample here fails the type check.
import type { RawInputs, RequestName } from '../../../shared/contract';

export function sampleInputs(ids: { flowId: number; queue: string; jobId: number; runId: string }): { [K in RequestName]: RawInputs[K] } {
  const { flowId, queue, jobId, runId } = ids;
  return {
    'health.get': {},
    'flows.list': {},
    'flows.create': { name: 'ipc sample', code: 'export default async () => 1', language: 'javascript' },
    'flows.get': { id: flowId },
    'flows.save': { id: flowId, code: 'export default async () => 2' },
    'flows.rename': { id: flowId, name: 'ipc renamed' },
    'flows.delete': { id: flowId },
    'flows.versions': { id: flowId },
    'flows.version': { id: flowId, version: 1 },
    'flows.run': { id: flowId, input: { n: 1 } },
    'flows.runs': { id: flowId },
    'runs.get': { runId },
    'runs.cancel': { runId },
    'queues.list': {},
    'queues.create': { name: queue, flowId },
    'queues.get': { name: queue },
    'queues.update': { name: queue, concurrency: 2 },
    'queues.delete': { name: queue },
    'queues.enqueue': { name: queue, payload: { n: 1 } },
    'queues.jobs': { name: queue },
    'queues.jobRows': { name: queue },
    'queues.stats': { name: queue },
    'queues.purge': { name: queue },
    'jobs.get': { id: jobId },
    'jobs.cancel': { id: jobId },
    'jobs.retry': { id: jobId },
    'jobs.logs': { id: jobId },
    'workers.list': {}
  };
}
