import { METRIC_INFO, type DataFrameJSON } from '@opsdeck/contract';
import { nextPiece, type QueryHandler } from './context';
import { selectServices } from './filters';
import { buildFrame, provenanceOf } from './frames';

/**
 * One time series per selected service, from the first source that measures the metric for it. Services the
 * metric does not apply to (no RDS instance for db_connections…) are left out; none at all is an empty answer.
 */
export const serviceMetric: QueryHandler = async (context, query) => {
  const metric = query.metric;
  if (!metric) {
    throw new Error('service_metric without a metric passed validation');
  }
  const frames: DataFrameJSON[] = [];
  for (const service of selectServices(context.catalog.services, query)) {
    await nextPiece(context);
    for (const source of context.sources) {
      const series = await source.serviceMetric(service, metric, context.range, context.stepMs);
      if (!series) {
        continue;
      }
      context.budget.book(series.times.length);
      frames.push(
        buildFrame({
          name: service.name,
          refId: query.refId,
          fields: [
            { name: 'time', type: 'time', config: { interval: context.stepMs } },
            {
              name: 'value',
              type: 'number',
              labels: { service: service.name, team: service.team },
              config: {
                displayNameFromDS: service.name,
                unit: METRIC_INFO[metric].unit,
                description: METRIC_INFO[metric].description,
              },
            },
          ],
          values: [series.times, series.values],
          provenance: provenanceOf(source),
          meta: { type: 'timeseries-multi', typeVersion: [0, 1], preferredVisualisationType: 'graph' },
          answer: series.meta,
        })
      );
      break;
    }
  }
  return frames;
};
