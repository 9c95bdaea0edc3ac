/** A figure that may be missing: its value, or why it could not be loaded. */
export type Settled<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Never rejects, so one failing figure does not take the whole page down with it. */
export function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (err: unknown) => ({ ok: false, reason: err instanceof Error ? err.message : String(err) })
  );
}

export function valueOf<T>(settled: Settled<T>): T | undefined {
  return settled.ok ? settled.value : undefined;
}

/** A warning naming what is missing and why, or nothing. */
export function missing(what: string, settled: Settled<unknown>): Array<{ severity: 'warning'; text: string }> {
  return settled.ok ? [] : [{ severity: 'warning', text: `${what} could not be loaded: ${settled.reason}` }];
}
