import { epochMsProblem } from '../../time/epoch';
import { MalformedPayloadError } from './errors';

// CloudWatch writes offsets without a colon ("+0000"); ECMAScript's date format requires "+00:00".
const OFFSET_WITHOUT_COLON = /([+-]\d{2})(\d{2})$/;
// Alertmanager and Grafana send Go's zero time for "not ended yet".
const GO_ZERO_TIME_YEAR = 1;

function parseRfc3339(value: string, field: string): number {
  const ms = Date.parse(value.replace(OFFSET_WITHOUT_COLON, '$1:$2'));
  if (!Number.isFinite(ms)) {
    throw new MalformedPayloadError(field, `is not a timestamp: ${JSON.stringify(value.slice(0, 40))}`);
  }
  return ms;
}

/**
 * RFC 3339 (any fractional precision, colon-less offsets too) → epoch ms between 1970 and 2100; throws naming the
 * field. "+275760-09-13T00:00:00Z" is a valid Date, but no alert starts then: stored, it would sort and bucket
 * every later read.
 */
export function parseTimestamp(value: string, field: string): number {
  const ms = parseRfc3339(value, field);
  if (epochMsProblem(ms) !== undefined) {
    throw new MalformedPayloadError(
      field,
      `is outside 1970-01-01 to 2100-01-01: ${JSON.stringify(value.slice(0, 40))}`
    );
  }
  return ms;
}

/** Like parseTimestamp, but Go's zero time and absence both mean "no time". */
export function parseOptionalTimestamp(value: string | undefined, field: string): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const ms = parseRfc3339(value, field);
  return new Date(ms).getUTCFullYear() <= GO_ZERO_TIME_YEAR ? undefined : parseTimestamp(value, field);
}
