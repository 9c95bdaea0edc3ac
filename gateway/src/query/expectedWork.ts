import { type QueryContext } from './context';
import { selectServices } from './filters';
import { type ValidQuery } from './schema';
import { type Work } from './workBudget';

/**
 * What a query will answer, known before it runs: one series per selected service for the per-service series
 * types, one for a raw metric. Other types book what they find as they go (an event list, a table).
 */
export function expectedWork(context: Pick<QueryContext, 'catalog' | 'pointsPerSeries'>, query: ValidQuery): Work {
  const perService = (points: number) => {
    const series = selectServices(context.catalog.services, query).length;
    return { series, points: series * points };
  };
  switch (query.queryType) {
    case 'service_metric':
    case 'infrastructure':
    case 'suspect_deploys':
      return perService(context.pointsPerSeries);
    case 'raw_metric':
      return { series: 1, points: context.pointsPerSeries };
    default:
      return { series: 0, points: 0 };
  }
}
