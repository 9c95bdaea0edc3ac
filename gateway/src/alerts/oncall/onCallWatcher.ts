/**
 * Emits `oncall.changed` when who is on call moves: on each poll it reads the roster (the same read as GET
 * /api/oncall), diffs it against the previous read (onCallDiff.ts) and appends one event per changed escalation level
 * to the event log, so live pages, other replicas' streams and clients resuming with Last-Event-ID all see it.
 *
 * The first read after start only sets the baseline: the gateway does not know what the roster was before it ran, so
 * it claims no change. A failed read keeps the previous baseline and throws (the poll loop logs and retries). One
 * gateway instance runs the watcher, as one owns the maintenance windows: replicas would each append the change.
 */
import type { OnCallChangedPayload, OnCallResponse } from '@opsdeck/contract';
import type { Store } from '../../store';
import { appendEventRows } from '../../store/eventLog';
import type { Pollable } from '../polling/pollLoop';
import { assignmentsOf, stepOnCall, type OnCallState } from './onCallDiff';

export interface OnCallWatcherDeps {
  read: (now: number) => Promise<OnCallResponse>;
  store: Pick<Store, 'db'>;
  clock: () => number;
  /** Told after events were appended (the live stream reads them). */
  notify: () => void;
}

export class OnCallWatcher implements Pollable {
  readonly name = 'oncall';
  private state: (OnCallState & { provider: OnCallResponse['provider'] }) | undefined;

  constructor(private readonly deps: OnCallWatcherDeps) {}

  /** Reads once; resolves with the number of events appended. */
  async poll(): Promise<number> {
    const at = this.deps.clock();
    const response = await this.deps.read(at);
    const assignments = assignmentsOf(response);
    // A different provider (configuration changed under a running gateway) is a new roster, not a handover.
    if (!this.state || this.state.provider !== response.provider) {
      this.state = { provider: response.provider, assignments, displaced: {} };
      return 0;
    }
    const { changes, state } = stepOnCall(this.state, assignments, at);
    const events = changes.map(({ key: _key, ...change }) => ({
      type: 'oncall.changed' as const,
      at,
      ...(change.services.length > 0 ? { service: change.services[0] } : {}),
      payload: { ...change, provider: response.provider } satisfies OnCallChangedPayload,
    }));
    // One transaction: a failed append leaves the baseline where it was and the next round appends them all again.
    if (events.length > 0) await this.deps.store.db.transaction().execute((trx) => appendEventRows(trx, events));
    this.state = { ...state, provider: response.provider };
    if (changes.length > 0) this.deps.notify();
    return changes.length;
  }
}
