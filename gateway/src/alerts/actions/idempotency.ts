/**
 * Idempotency-Key handling for write actions: the first answer under a key is stored and replayed for repeats, so a
 * retried request (a flaky phone connection, a double tap) acts upstream only once. Keys are scoped to the user
 * and the URL, so one user's key never replays another's answer.
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

  constructor(private readonly db: Kysely<Database>) {}

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
    this.inFlight.set(
      scopedKey,
      running.then((r) => r.answer)
    );
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
    const stored = await this.db
      .selectFrom('action_requests')
      .selectAll()
      .where('idempotency_key', '=', scopedKey)
      .executeTakeFirst();
    if (stored) return { answer: { status: stored.status_code, body: JSON.parse(stored.response) }, replayed: true };
    const answer = await act();
    await this.db
      .insertInto('action_requests')
      .values({
        idempotency_key: scopedKey,
        at: now,
        status_code: answer.status,
        response: JSON.stringify(answer.body),
      })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .execute();
    return { answer, replayed: false };
  }
}

function markReplayed(answer: StoredAnswer): StoredAnswer {
  const body = answer.body as Record<string, unknown> | null;
  if (body && typeof body === 'object' && 'result' in body && typeof body.result === 'object') {
    return { ...answer, body: { ...body, result: { ...(body.result as object), replayed: true } } };
  }
  return { ...answer, body: body && typeof body === 'object' ? { ...body, replayed: true } : body };
}
