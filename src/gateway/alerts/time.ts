import { MalformedPayloadError } from './errors';

// CloudWatch writes offsets without a colon ("+0000"); ECMAScript's date format requires "+00:00".
const OFFSET_WITHOUT_COLON = /([+-]\d{2})(\d{2})$/;
// Alertmanager and Grafana send Go's zero time for "not ended yet".
const GO_ZERO_TIME_YEAR = 1;

/** RFC 3339 (any fractional precision, colon-less offsets too) → epoch ms; throws naming the field. */
export function parseTimestamp(value: string, field: string): number {
  const normalised = value.replace(OFFSET_WITHOUT_COLON, '$1:$2');
  const ms = Date.parse(normalised);
  if (!Number.isFinite(ms)) {
    throw new MalformedPayloadError(field, `is not a timestamp: ${JSON.stringify(value.slice(0, 40))}`);
  }
  return ms;
}

/** Like parseTimestamp, but Go's zero time and absence both mean "no time". */
export function parseOptionalTimestamp(value: string | undefined, field: string): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const ms = parseTimestamp(value, field);
  return new Date(ms).getUTCFullYear() <= GO_ZERO_TIME_YEAR ? undefined : ms;
}
