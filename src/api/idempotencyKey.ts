/**
 * A fresh Idempotency-Key for one user action. getRandomValues rather than crypto.randomUUID: the latter exists only
 * in secure contexts, and Grafana is often served over plain HTTP inside a private network.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
