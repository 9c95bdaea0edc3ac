import { type DataQueryResponse, LoadingState } from '@grafana/data';
import { Observable } from 'rxjs';
import { type EventSourceFactory, type GatewayClient, LiveEventStream, toGatewayError } from '@/api';
import { type OpsdeckEventType, type OpsdeckQuery, type QueryRequest, type QueryResponse, type QueryType } from '@opsdeck/contract';

/** Query types whose panels stream: they re-query on every alert or incident event, and at least every 10 s. */
export const STREAMING_QUERY_TYPES: readonly QueryType[] = ['open_alerts', 'alert_rate'];
export const STREAM_REFRESH_MS = 10_000;
/** Events in a burst (a bulk acknowledge, a grouped notification) lead to one re-query. */
export const STREAM_DEBOUNCE_MS = 250;
const STREAM_EVENTS: readonly OpsdeckEventType[] = ['alert.changed', 'incident.changed', 'maintenance.changed'];

export function isStreamingQuery(query: OpsdeckQuery): boolean {
  return STREAMING_QUERY_TYPES.includes(query.queryType);
}

export interface StreamOptions {
  client: GatewayClient;
  body: QueryRequest;
  /** Whether the range ends "now": then each re-query slides the window forward by the time passed. */
  followNow: boolean;
  /** Stable per panel request, so Grafana replaces the panel's data instead of appending. */
  key: string;
  toResponse: (answer: QueryResponse) => DataQueryResponse;
  eventSources?: EventSourceFactory;
  clock?: () => number;
}

/**
 * A streaming answer (LoadingState.Streaming) for live alert panels: the first answer at once, then a fresh one
 * shortly after every gateway event and every 10 s. Unsubscribing (panel removed, range changed) closes the event
 * stream and the timer.
 */
export function streamQueries(options: StreamOptions): Observable<DataQueryResponse> {
  const { client, body, followNow, key, toResponse, eventSources, clock = Date.now } = options;
  const span = body.range.to - body.range.from;
  const startedAt = clock();

  return new Observable<DataQueryResponse>((subscriber) => {
    let closed = false;
    let running = false;
    let again = false;
    let debounce: ReturnType<typeof setTimeout> | undefined;

    const run = () => {
      // One request at a time; an event during a request asks for exactly one more afterwards.
      if (running) {
        again = true;
        return;
      }
      running = true;
      const to = followNow ? body.range.to + (clock() - startedAt) : body.range.to;
      const request: QueryRequest = { ...body, range: { from: to - span, to } };
      client
        .query(request)
        .then(
          (answer) => ({ ...toResponse(answer), key, state: LoadingState.Streaming }),
          (err): DataQueryResponse => {
            const error = toGatewayError(err);
            return { data: [], key, errors: [{ message: error.message, status: error.status }], state: LoadingState.Error };
          }
        )
        .then((response) => {
          running = false;
          if (closed) {
            return;
          }
          subscriber.next(response);
          if (again) {
            again = false;
            run();
          }
        });
    };

    const stream = new LiveEventStream((lastEventId) => client.eventsUrl(lastEventId), eventSources);
    const unsubscribeEvents = stream.subscribe((event) => {
      if (STREAM_EVENTS.includes(event.type)) {
        clearTimeout(debounce);
        debounce = setTimeout(run, STREAM_DEBOUNCE_MS);
      }
    });
    const timer = setInterval(run, STREAM_REFRESH_MS);
    run();

    return () => {
      closed = true;
      clearInterval(timer);
      clearTimeout(debounce);
      unsubscribeEvents();
    };
  });
}
