/** Epoch ms from an SDK Date, ISO text or epoch number; undefined when absent or unreadable. */
export function toEpochMs(value: Date | string | number | undefined | null): number | undefined {
  if (value === undefined || value === null) return undefined;
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}
