/**
 * JSON for values kept in a shared cache. Cached answers hold Maps (Cost Explorer's amounts per group and day),
 * which plain JSON would turn into `{}`; they travel as `{"$map": [[key, value], …]}` and come back as Maps.
 * Only our own cached values are encoded, so the marker cannot clash with a real field.
 */
import type { SharedEntry } from './sharedCache';

const MAP_MARKER = '$map';

export function encodeShared(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof Map ? { [MAP_MARKER]: [...v] } : v));
}

/** Throws on text that is not JSON: the caller treats that as a miss. */
export function decodeShared(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => (isEncodedMap(v) ? new Map(v[MAP_MARKER]) : v));
}

/** An entry as another replica stored it, or undefined for anything else (a miss, never an error). */
export function parseSharedEntry<V>(text: string | null | undefined): SharedEntry<V> | undefined {
  if (typeof text !== 'string') return undefined;
  let decoded: unknown;
  try {
    decoded = decodeShared(text);
  } catch {
    return undefined;
  }
  if (typeof decoded !== 'object' || decoded === null || !('value' in decoded)) return undefined;
  const { fetchedAtMs, freshUntilMs } = decoded as Record<string, unknown>;
  if (typeof fetchedAtMs !== 'number' || typeof freshUntilMs !== 'number') return undefined;
  return decoded as SharedEntry<V>;
}

function isEncodedMap(v: unknown): v is { [MAP_MARKER]: Array<[unknown, unknown]> } {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && keys[0] === MAP_MARKER && Array.isArray((v as Record<string, unknown>)[MAP_MARKER]);
}
