import { METRIC_INFO, type OpsdeckQuery } from '@opsdeck/contract';

const ALL = new Set(['', '*', undefined]);

function scope(query: OpsdeckQuery): string {
  const parts: string[] = [];
  if (!ALL.has(query.service)) {
    parts.push(`service ${query.service}`);
  }
  if (!ALL.has(query.team)) {
    parts.push(`team ${query.team}`);
  }
  if (!ALL.has(query.region)) {
    parts.push(`region ${query.region}`);
  }
  return parts.length ? ` · ${parts.join(', ')}` : '';
}

/** One line that says what a query asks for (query history, inspector, collapsed query rows). */
export function describeQuery(query: OpsdeckQuery): string {
  switch (query.queryType) {
    case 'fleet_health':
      return `Fleet health${scope(query)}`;
    case 'service_metric': {
      const metric = query.metric ? METRIC_INFO[query.metric].label : 'No metric chosen';
      return `${metric}${scope(query)}`;
    }
    case 'services':
      return `Service catalog${scope(query)}`;
    case 'events': {
      const kinds = query.eventKinds?.length ? query.eventKinds.join(', ') : 'all events';
      return `Events (${kinds})${scope(query)}`;
    }
    case 'open_alerts':
      return `Open alerts${query.alertView === 'counts' ? ' (counts)' : ''}${scope(query)}`;
    case 'alert_rate':
      return `Alert rate by ${query.alertGroupBy ?? 'severity'}${scope(query)}`;
    case 'mtta':
      return `MTTA${query.alertGroupBy && query.alertGroupBy !== 'none' ? ` by ${query.alertGroupBy}` : ''}${scope(query)}`;
    default:
      return `Unknown query type ${String(query.queryType)}`;
  }
}
