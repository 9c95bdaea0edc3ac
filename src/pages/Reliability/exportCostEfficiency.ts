import { type CostEfficiencyResponse, csvCell, type ServiceCostEfficiency } from '@opsdeck/contract';

const num = (value: number | null | undefined, digits?: number) =>
  value === null || value === undefined ? '' : digits === undefined ? String(value) : value.toFixed(digits);

/** One row per service in the gateway's order; USD as numbers, changes as ratios, idle hints in one cell. */
const COLUMNS: Array<{ header: string; value: (s: ServiceCostEfficiency) => string }> = [
  { header: 'team', value: (s) => s.team },
  { header: 'objective', value: (s) => s.objective ?? '' },
  { header: 'window_days', value: (s) => String(s.windowDays) },
  { header: 'days_start', value: (s) => s.days.start },
  { header: 'days_end', value: (s) => s.days.end },
  { header: 'cost_usd', value: (s) => num(s.cost, 2) },
  { header: 'requests', value: (s) => num(s.requests) },
  { header: 'good_requests', value: (s) => num(s.goodRequests) },
  { header: 'cost_per_1k_requests_usd', value: (s) => num(s.costPer1kRequests, 6) },
  { header: 'cost_per_1k_good_requests_usd', value: (s) => num(s.costPer1kGoodRequests, 6) },
  { header: 'previous_cost_usd', value: (s) => num(s.previous?.cost, 2) },
  { header: 'previous_requests', value: (s) => num(s.previous?.requests) },
  { header: 'previous_cost_per_1k_requests_usd', value: (s) => num(s.previous?.costPer1kRequests, 6) },
  { header: 'requests_change', value: (s) => num(s.trend.requestsChange, 4) },
  { header: 'cost_change', value: (s) => num(s.trend.costChange, 4) },
  { header: 'cost_per_1k_requests_change', value: (s) => num(s.trend.costPer1kRequestsChange, 4) },
  { header: 'efficiency', value: (s) => s.trend.efficiency ?? '' },
  { header: 'budget_spent', value: (s) => num(s.budgetSpent, 4) },
  { header: 'cost_per_budget_point_usd', value: (s) => num(s.costPerBudgetPoint, 2) },
  {
    header: 'idle',
    value: (s) => s.idle.map((h) => `${h.resource}:${h.name} p95 ${h.cpuP95.toFixed(1)}% ${h.costScope}`).join('; '),
  },
];

/** RFC 4180 CSV of the services as shown, worst cost per 1,000 good requests first. */
export function costEfficiencyToCsv(report: CostEfficiencyResponse): string {
  const lines = [['service', ...COLUMNS.map((c) => c.header)].join(',')];
  for (const service of report.services) {
    lines.push([csvCell(service.service), ...COLUMNS.map((c) => csvCell(c.value(service)))].join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function costEfficiencyToJson(report: CostEfficiencyResponse, filters: Record<string, string>): string {
  return `${JSON.stringify({ filters, ...report }, null, 2)}\n`;
}
