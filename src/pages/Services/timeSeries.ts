import { type DataFrame } from '@grafana/data';
import { type Point } from './Sparkline';

/** One number field of a wide time-series frame as points; anything but a finite number is a gap. */
export function seriesOf(frame: DataFrame | undefined, field: string): Point[] {
  const times = frame?.fields.find((f) => f.type === 'time')?.values ?? [];
  const values = frame?.fields.find((f) => f.name === field)?.values ?? [];
  return times.flatMap((time, i) => {
    const value = values[i];
    return typeof time === 'number'
      ? [{ time, value: typeof value === 'number' && Number.isFinite(value) ? value : null }]
      : [];
  });
}
