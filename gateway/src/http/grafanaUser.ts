/**
 * The Grafana login the data proxy forwards in X-Grafana-User, as the audit log and idempotency keys store it.
 * Grafana sends one short login; anything else (two headers folded into one, markup, control characters, kilobytes)
 * did not come from Grafana's proxy, so it is cleaned and bounded instead of stored verbatim.
 */
import { type FastifyRequest } from 'fastify';
import { GRAFANA_USER_HEADER } from '@opsdeck/contract';

/** Grafana's own login limit is 190 characters (its user table); 128 holds every real login and email we know of. */
export const MAX_USER_LENGTH = 128;

// Kept: letters, marks and digits of any script, and the punctuation logins and emails use.
const NOT_LOGIN_CHARACTER = /[^\p{L}\p{M}\p{N}._@+\-' ]/gu;

export function cleanUserName(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(NOT_LOGIN_CHARACTER, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_USER_LENGTH)
    .trim();
}

/** The acting user, or `fallback` when the header is absent, empty after cleaning, or was sent more than once. */
export function grafanaUserOf(request: FastifyRequest, fallback: string): string {
  const name = GRAFANA_USER_HEADER.toLowerCase();
  // Node keeps repeated headers apart in headersDistinct; an injected request (tests) has only the folded headers.
  const folded = request.headers[name];
  const sent = request.raw.headersDistinct?.[name] ?? (typeof folded === 'string' ? [folded] : folded);
  if (!sent || sent.length !== 1) return fallback;
  return cleanUserName(sent[0]) || fallback;
}
