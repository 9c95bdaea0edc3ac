import { formattedValueToString, getValueFormat } from '@grafana/data';
import { METRIC_INFO, type ServiceMetric } from '@opsdeck/contract';
import { NO_DATA } from '@/components/format';

/** Decimals that keep the differences an SRE cares about visible (99.95 % vs 99.9 %). */
const DECIMALS: Partial<Record<ServiceMetric, number>> = {
  availability: 2,
  error_rate: 2,
  latency_p99: 0,
  request_rate: 1,
  cpu_utilization: 1,
};

/** A metric value in its contract unit (METRIC_INFO), formatted the way Grafana panels format it. */
export function formatMetric(metric: ServiceMetric, value: number | null): string {
  if (value === null) {
    return NO_DATA;
  }
  const format = getValueFormat(METRIC_INFO[metric].unit);
  return formattedValueToString(format(value, DECIMALS[metric]));
}

/** Whole dollars and cents, written out ("$12,345.67"): a bill is read to the cent, not as "$12.3K". */
export function formatUsd(value: number | null, fractionDigits = 2): string {
  if (value === null) {
    return NO_DATA;
  }
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: 2,
    maximumFractionDigits: fractionDigits,
  }).format(value);
}

/** A relative change with its sign ("+12.3%", "-4.0%"). */
export function formatChange(fraction: number): string {
  const percent = (fraction * 100).toFixed(1);
  return fraction > 0 ? `+${percent}%` : `${percent}%`;
}
