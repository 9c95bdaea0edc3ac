/**
 * Reads a number back from how Grafana's value formats display it ("99.95%", "1.25 s", "3.2 K req/s"), with the
 * precision the text shows, so a test can check the page shows the gateway's value without re-implementing the
 * page's own formatting choices.
 */
import { METRIC_INFO, type ServiceMetric } from '@opsdeck/contract';

export interface DisplayedNumber {
  /** The value in the metric's contract unit. */
  value: number;
  /** Half a unit of the last digit shown, in the contract unit: how far the shown value may be from the true one. */
  tolerance: number;
}

const SCALE: Record<string, number> = { '': 1, K: 1e3, M: 1e6, G: 1e9, T: 1e12 };
const TIME_TO_MS: Record<string, number> = { ns: 1e-6, µs: 1e-3, ms: 1, s: 1e3, min: 6e4, hour: 3.6e6, day: 8.64e7 };

function unitFactor(unit: string, suffix: string): number {
  switch (unit) {
    case 'percentunit':
      if (suffix !== '%') break;
      return 0.01;
    case 'percent':
      if (suffix !== '%') break;
      return 1;
    case 'ms':
      if (!(suffix in TIME_TO_MS)) break;
      return TIME_TO_MS[suffix];
    case 'reqps': {
      const m = /^([KMGT]?)\s*req\/s$/.exec(suffix);
      if (!m) break;
      return SCALE[m[1]];
    }
    case 'short': {
      if (!(suffix in SCALE)) break;
      return SCALE[suffix];
    }
  }
  throw new Error(`cannot read "${suffix}" as a ${unit} suffix`);
}

/** Parses the text shown for `metric`; null when the page says there is no value. */
export function readDisplayedMetric(metric: ServiceMetric, text: string): DisplayedNumber | null {
  const trimmed = text.trim();
  if (trimmed === 'No data') {
    return null;
  }
  const m = /^(-?\d+(?:\.(\d+))?)\s*(.*)$/.exec(trimmed);
  if (!m) {
    throw new Error(`"${text}" is not a number for ${metric}`);
  }
  const factor = unitFactor(METRIC_INFO[metric].unit, m[3].trim());
  const decimals = m[2]?.length ?? 0;
  return { value: Number(m[1]) * factor, tolerance: 0.5 * 10 ** -decimals * factor + 1e-9 };
}
