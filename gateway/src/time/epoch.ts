/**
 * The one rule for times and counts that come from outside (query bodies, query strings, CI deploy events,
 * maintenance windows, webhooks): a finite, whole, safe integer in a sane range, checked before any loop sees it.
 * A float near 1e22 has no whole milliseconds left, so `t += step` stops moving and a loop over it never ends;
 * a year-275760 instant is a valid Date but a century of one-minute steps. Every route wraps the problem text in
 * its own 400 error, naming the field.
 */

/** 1970-01-01T00:00:00Z: nothing an operator looks at is older than the Unix epoch. */
export const EARLIEST_EPOCH_MS = 0;
/** 2100-01-01T00:00:00Z: far enough for any maintenance window or forecast, near enough to stay cheap to walk. */
export const LATEST_EPOCH_MS = Date.UTC(2100, 0, 1);

export interface WholeNumberBounds {
  min: number;
  max: number;
}

function shown(value: unknown): string {
  return typeof value === 'number' ? String(value) : (JSON.stringify(value)?.slice(0, 40) ?? String(value));
}

/** Why `value` is not a whole number in [min, max], or undefined when it is one. */
export function wholeNumberProblem(value: unknown, { min, max }: WholeNumberBounds): string | undefined {
  const expected = `expected a whole number from ${min} to ${max}`;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) return `${expected}, got ${shown(value)}`;
  if (value < min || value > max) return `${expected}, got ${value}`;
  return undefined;
}

/** Why `value` is not an instant in epoch milliseconds between 1970 and 2100, or undefined when it is one. */
export function epochMsProblem(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    return `expected whole epoch milliseconds, got ${shown(value)}`;
  }
  if (value < EARLIEST_EPOCH_MS || value > LATEST_EPOCH_MS) {
    return `expected a time between 1970-01-01 and 2100-01-01 (epoch ms ${EARLIEST_EPOCH_MS} to ${LATEST_EPOCH_MS}), got ${value}`;
  }
  return undefined;
}

/**
 * Query-string digits as a number; undefined for anything else ("1e3", "1.5", "-1", "0x10", " 7", "NaN"). The length
 * cap keeps "99999999999999999999" from rounding to a different number: it fails the safe-integer check instead.
 */
export function parseDigits(text: string): number | undefined {
  return /^\d{1,16}$/.test(text) ? Number(text) : undefined;
}

/** Epoch ms from ISO 8601 text or a number, or undefined when unreadable or outside 1970–2100. */
export function epochMsFrom(value: string | number): number | undefined {
  const ms = typeof value === 'number' ? value : Date.parse(value);
  return epochMsProblem(ms) === undefined ? ms : undefined;
}
