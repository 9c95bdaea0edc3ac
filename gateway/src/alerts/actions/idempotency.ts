/**
 * Idempotency-Key handling for write actions: the first answer under a key is stored and replayed for repeats, so a
 * retried request (a flaky phone connection, a double tap) acts upstream only once. Keys are scoped to the user
 * and the URL, so one user's key never replays another's answer. The key is claimed in the table before acting, so
 * two copies of a request reaching two replicas at the same instant act once too (docs/HA.md).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema';

export interface StoredAnswer {
  status: number;
  body: unknown;
}

export class IdempotencyStore {
  /** Requests in flight per key: a concurrent repeat waits for the first instead of acting twice. */
  private readonly inFlight = new Map<string, Promise<StoredAnswer>>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly timing: IdempotencyTiming = DEFAULT_TIMING
  ) {}

  static scope(user: string, url: string, key: string): string {
    return JSON.stringify([user, url, key]);
  }

  /** Runs `act` once per scoped key; repeats get the stored answer, with `replayed: true` when `mark` is set. */
  async once(scopedKey: string, now: number, act: () => Promise<StoredAnswer>, mark = true): Promise<StoredAnswer> {
    const replay = mark ? markReplayed : (answer: StoredAnswer) => answer;
    const pending = this.inFlight.get(scopedKey);
    if (pending) return replay(await pending);
    // Registered before the first await, so a concurrent repeat always finds it.
    const running = this.lookupOrAct(scopedKey, now, act);
    const shared = running.then((r) => r.answer);
    // Only concurrent repeats await it; with none, a failure must not surface as an unhandled rejection.
    shared.catch(() => undefined);
    this.inFlight.set(scopedKey, shared);
    try {
      const { answer, replayed } = await running;
      return replayed ? replay(answer) : answer;
    } finally {
      this.inFlight.delete(scopedKey);
    }
  }

  private async lookupOrAct(
    scopedKey: string,
    now: number,
    act: () => Promise<StoredAnswer>
  ): Promise<{ answer: StoredAnswer; replayed: boolean }> {
    const waitUntil = Date.now() + this.timing.waitMs;
    for (;;) {
      // The claim is a row with status 0: whoever inserts it acts; anyone else, on any replica, waits for its answer.
      const claimed = await this.db
        .insertInto('action_requests')
        .values({ idempotency_key: scopedKey, at: now, status_code: CLAIMED, response: '' })
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .returning('idempotency_key')
        .executeTakeFirst();
      if (claimed) return { answer: await this.actUnderClaim(scopedKey, act), replayed: false };
      const stored = await this.db
        .selectFrom('action_requests')
        .selectAll()
        .where('idempotency_key', '=', scopedKey)
        .executeTakeFirst();
      if (!stored) continue; // the claimant failed and let go between our insert and our read: claim again
      if (stored.status_code !== CLAIMED) {
        return { answer: { status: stored.status_code, body: JSON.parse(stored.response) }, replayed: true };
      }
      if (now - Number(stored.at) > this.timing.staleClaimMs) {
        // Its claimant died mid-request long ago; the user's retry is a new attempt.
        await this.release(scopedKey, Number(stored.at));
        continue;
      }
      if (Date.now() > waitUntil) return { answer: stillRunning(), replayed: false };
      await new Promise((resolve) => setTimeout(resolve, this.timing.pollMs));
    }
  }

  private async actUnderClaim(scopedKey: string, act: () => Promise<StoredAnswer>): Promise<StoredAnswer> {
    let answer: StoredAnswer;
    try {
      answer = await act();
    } catch (error) {
      // Nothing to replay: a retry must be able to act.
      await this.release(scopedKey).catch(() => undefined);
      throw error;
    }
    await this.db
      .updateTable('action_requests')
      .set({ status_code: answer.status, response: JSON.stringify(answer.body) })
      .where('idempotency_key', '=', scopedKey)
      .execute();
    return answer;
  }

  /** Drops an unanswered claim (only that one, when `at` is given: a newer claim is somebody else's). */
  private async release(scopedKey: string, at?: number): Promise<void> {
    let query = this.db
      .deleteFrom('action_requests')
      .where('idempotency_key', '=', scopedKey)
      .where('status_code', '=', CLAIMED);
    if (at !== undefined) query = query.where('at', '=', at);
    await query.execute();
  }
}

/** The status of a claimed key whose first request has not answered yet (no HTTP status is 0). */
const CLAIMED = 0;

export interface IdempotencyTiming {
  /** How long a repeat waits for the first request's answer (on this or another replica). */
  waitMs: number;
  pollMs: number;
  /** A claim older than this belongs to a request that died: it is dropped and the repeat acts. */
  staleClaimMs: number;
}

/** Longer than an action's upstream call with its retries; a rollback answers 202 at once and is followed apart. */
const DEFAULT_TIMING: IdempotencyTiming = { waitMs: 30_000, pollMs: 50, staleClaimMs: 10 * 60_000 };

function stillRunning(): StoredAnswer {
  return {
    status: 409,
    body: { error: 'the first request with this Idempotency-Key is still being processed; retry in a moment' },
  };
}

function markReplayed(answer: StoredAnswer): StoredAnswer {
  const body = answer.body as Record<string, unknown> | null;
  if (body && typeof body === 'object' && 'result' in body && typeof body.result === 'object') {
    return { ...answer, body: { ...body, result: { ...(body.result as object), replayed: true } } };
  }
  return { ...answer, body: body && typeof body === 'object' ? { ...body, replayed: true } : body };
}
