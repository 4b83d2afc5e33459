// The engine's event bus. Shells subscribe once (SSE clients, the Electron window) and forward
// envelopes as they are; `seq` lets a reconnecting client see that it missed something and re-fetch.
import type { EventEnvelope, EventName, Events } from '../../shared/contract';

export type EventListener = (event: EventEnvelope) => void;

export class EventBus {
  private seq = 0;
  private readonly listeners = new Set<EventListener>();

  emit<K extends EventName>(type: K, data: Events[K]): void {
    const envelope = { seq: ++this.seq, type, data } as EventEnvelope;
    for (const listener of this.listeners) {
      try {
        listener(envelope);
      } catch {
        // A broken subscriber (a closed socket) must never break the engine or other subscribers.
      }
    }
  }

  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** False while nobody listens: batchers skip building payloads no one will read. */
  get hasListeners(): boolean {
    return this.listeners.size > 0;
  }

  get lastSeq(): number {
    return this.seq;
  }
}
