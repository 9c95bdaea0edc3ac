/**
 * Typed readers over untrusted JSON. Every failure is a MalformedPayloadError naming the dotted path of the field,
 * so a sender sees exactly what was wrong.
 */
import { MalformedPayloadError } from './errors';

export type JsonObject = Record<string, unknown>;

export function parseJsonBody(raw: Buffer | string): unknown {
  const text = typeof raw === 'string' ? raw : raw.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw new MalformedPayloadError('body', 'is not valid JSON');
  }
}

export function asObject(value: unknown, path: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MalformedPayloadError(path, 'must be an object');
  }
  return value as JsonObject;
}

export function optionalObject(obj: JsonObject, key: string, path: string): JsonObject | undefined {
  const value = obj[key];
  return value === undefined || value === null ? undefined : asObject(value, join(path, key));
}

export function requireString(obj: JsonObject, key: string, path: string): string {
  const value = obj[key];
  if (typeof value !== 'string' || value === '') {
    throw new MalformedPayloadError(join(path, key), 'must be a non-empty string');
  }
  return value;
}

export function optionalString(obj: JsonObject, key: string, path: string): string | undefined {
  const value = obj[key];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw new MalformedPayloadError(join(path, key), 'must be a string');
  }
  return value === '' ? undefined : value;
}

export function optionalNumber(obj: JsonObject, key: string, path: string): number | undefined {
  const value = obj[key];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new MalformedPayloadError(join(path, key), 'must be a number');
  }
  return value;
}

export function requireArray(obj: JsonObject, key: string, path: string): unknown[] {
  const value = obj[key];
  if (!Array.isArray(value)) {
    throw new MalformedPayloadError(join(path, key), 'must be an array');
  }
  return value;
}

export function optionalArray(obj: JsonObject, key: string, path: string): unknown[] {
  const value = obj[key];
  return value === undefined || value === null ? [] : requireArray(obj, key, path);
}

/** A map of string to string, as Alertmanager labels and annotations are. Missing → empty. */
export function stringMap(obj: JsonObject, key: string, path: string): Record<string, string> {
  const value = obj[key];
  if (value === undefined || value === null) {
    return {};
  }
  const map = asObject(value, join(path, key));
  for (const [name, entry] of Object.entries(map)) {
    if (typeof entry !== 'string') {
      throw new MalformedPayloadError(join(join(path, key), name), 'must be a string');
    }
  }
  // fromEntries defines own properties, so a label named "__proto__" stays a label.
  return Object.fromEntries(Object.entries(map)) as Record<string, string>;
}

export function join(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;
}
