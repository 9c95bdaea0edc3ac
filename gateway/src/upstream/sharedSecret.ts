/**
 * Token checks for senders that cannot sign their bodies (Alertmanager, Grafana Alerting, Opsgenie): the sender
 * presents a shared value and we compare it in constant time.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/** Splits a comma-separated config value (several values let a secret rotate without downtime). */
export function parseSecretList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * True when `presented` equals one of `accepted`. Both sides are hashed first so the compare is constant-time
 * whatever the lengths; an empty accepted list never matches (an unset token must not open the endpoint).
 */
export function matchesSharedSecret(presented: string | undefined, accepted: string[]): boolean {
  if (presented === undefined || presented === '') {
    return false;
  }
  const presentedDigest = digest(presented);
  let matched = false;
  for (const candidate of accepted) {
    // No early exit: every candidate is compared, so timing does not reveal which one matched.
    matched = timingSafeEqual(presentedDigest, digest(candidate)) || matched;
  }
  return matched;
}

/** The token of an `Authorization: Bearer <token>` header (scheme case-insensitive), if that is what it is. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? '');
  return match?.[1];
}

export function verifyBearer(authorization: string | undefined, accepted: string[]): boolean {
  return matchesSharedSecret(bearerToken(authorization), accepted);
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
