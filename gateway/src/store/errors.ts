/**
 * The store's own failures, each with the HTTP answer it stands for, so every route maps them the same way
 * (http/errors.ts, the webhook error handler).
 */

/** How long a client is told to wait before it retries a write the database was too busy to take. */
export const STORE_BUSY_RETRY_AFTER_SECONDS = 2;

/**
 * The database could not take the statement in time: the SQLite file stayed locked by another connection, or a
 * Postgres lock wait or statement ran out of time. Nothing was written, so the same request can simply be retried
 * (503 + Retry-After; webhook senders retry on a 5xx, which is right because the event was not stored).
 */
export class StoreBusyError extends Error {
  override readonly name = 'StoreBusyError';
  readonly statusCode = 503;
  readonly retryAfterSeconds = STORE_BUSY_RETRY_AFTER_SECONDS;
}

/** A value no database column here can hold exactly (a number beyond ±2^53): it came from the request, so 400. */
export class StoreValueError extends Error {
  override readonly name = 'StoreValueError';
  readonly statusCode = 400;
}
