/** A controllable EventSource for unit tests of live updates. Not used by the plugins themselves. */
import { type OpsdeckEvent } from '@opsdeck/contract';
import { type EventSourceFactory, type EventSourceLike } from './liveEvents';

export class FakeEventSource implements EventSourceLike {
  readyState = 1;
  onerror: EventSourceLike['onerror'] = null;
  closed = false;
  private readonly listeners = new Map<string, Array<(event: MessageEvent<string>) => void>>();

  constructor(readonly url: string) {}

  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.closed = true;
    this.readyState = 2;
  }

  emit(event: OpsdeckEvent): void {
    const message = { data: JSON.stringify(event), lastEventId: String(event.id) } as MessageEvent<string>;
    for (const listener of this.listeners.get(event.type) ?? []) {
      listener(message);
    }
  }

  /** The server answered something other than an event stream: EventSource gives up (readyState CLOSED). */
  fail(): void {
    this.readyState = 2;
    this.onerror?.call(this, new Event('error'));
  }
}

export function fakeEventSources(): { factory: EventSourceFactory; sources: FakeEventSource[] } {
  const sources: FakeEventSource[] = [];
  return {
    sources,
    factory: (url) => {
      const source = new FakeEventSource(url);
      sources.push(source);
      return source;
    },
  };
}
