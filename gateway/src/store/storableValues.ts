/**
 * What a query may send to either database, applied to every parameter of every statement at the connection
 * (guardedDialect.ts), so no repository has to remember it and SQLite and Postgres end up holding the same value.
 *
 * U+0000: Postgres text refuses it (SQLite would keep it), and it arrives in signed webhooks that must be stored
 * rather than refused, or the sender retries for days and then drops them. Both databases store U+FFFD in its place,
 * in plain text and inside JSON documents, where JSON.stringify wrote it as the escape \u0000 (legal in Postgres,
 * but the document would then disagree with the columns next to it).
 *
 * Numbers: ids and epoch-ms times are read back as JS numbers, exact up to 2^53; anything larger or not finite
 * can only come from a request (e.g. `?from=99999999999999999999`) and would be a Postgres range error (500).
 */
import { StoreValueError } from './errors';

const NUL = '\u0000';
const ESCAPED_NUL = '\\u0000';
const REPLACEMENT = '\ufffd';

/** `text` as the database stores it. */
export function storableText(text: string): string {
  const plain = text.includes(NUL) ? text.replaceAll(NUL, REPLACEMENT) : text;
  return plain.includes(ESCAPED_NUL) && /^\s*[[{]/.test(plain) ? storableJson(plain) : plain;
}

/** `parameters`, or a copy with the values changed that the database would not store as given. */
export function storableParameters(parameters: readonly unknown[]): readonly unknown[] {
  let copy: unknown[] | undefined;
  for (let i = 0; i < parameters.length; i++) {
    const value = parameters[i];
    if (typeof value === 'number' && !(Number.isFinite(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER)) {
      throw new StoreValueError(`the number ${value} is out of range (at most ${Number.MAX_SAFE_INTEGER})`);
    }
    if (typeof value !== 'string') continue;
    const stored = storableText(value);
    if (stored !== value) (copy ??= [...parameters])[i] = stored;
  }
  return copy ?? parameters;
}

/** `value` as it reads back after being stored as JSON text, for callers that hand on what they just wrote. */
export function asStoredJson<T>(value: T, json: string): T {
  const stored = storableText(json);
  return stored === json ? value : (JSON.parse(stored) as T);
}

// Only documents that really carry an escaped NUL are rewritten: anything else (plain text that merely starts with
// a bracket, a literal backslash-u0000 inside a JSON string) comes back unchanged.
function storableJson(text: string): string {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return text;
  }
  const stored = JSON.stringify(withoutNul(document));
  return stored === JSON.stringify(document) ? text : stored;
}

function withoutNul(value: unknown): unknown {
  if (typeof value === 'string') return value.replaceAll(NUL, REPLACEMENT);
  if (Array.isArray(value)) return value.map(withoutNul);
  if (typeof value !== 'object' || value === null) return value;
  // fromEntries defines own properties, so a key named "__proto__" stays a key.
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [withoutNul(key), withoutNul(entry)]));
}
