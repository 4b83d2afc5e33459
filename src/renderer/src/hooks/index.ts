// Shared renderer hooks. Stable signatures: the queues and monitor panels use them too.
export { useEvent, useResync, useConnection } from './useEvent';
export { useNow, nowMs } from './useNow';
export type { ConnectionState } from './events';
export { useCommand, emitCommand, type AppCommand } from './useCommand';
export { useColorScheme } from './useColorScheme';
