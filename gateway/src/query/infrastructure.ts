import { infraMetricInfo, type DataFrameJSON, type InfraMetric, type InfraResource } from '@opsdeck/contract';
import { nextPiece, type QueryHandler } from './context';
import { selectServices } from './filters';
import { buildFrame, provenanceOf } from './frames';

/**
 * One frame per selected service that has the resource, from the first source that answers it. A frame may hold
 * several value columns (desired / in-service / min / max; connections / pool size), all in the metric's unit.
 */
export const infrastructure: QueryHandler = async (context, query) => {
  const resource = query.resource as InfraResource;
  const metric = query.infraMetric as InfraMetric;
  const info = infraMetricInfo(resource, metric);
  if (!info) throw new Error('infrastructure query with an unknown metric passed validation');
  const frames: DataFrameJSON[] = [];
  for (const service of selectServices(context.catalog.services, query)) {
    await nextPiece(context);
    for (const source of context.sources) {
      const series = await source.infrastructure?.(service, resource, metric, context.range, context.stepMs);
      if (!series) continue;
      context.budget.book(series.times.length * Math.max(1, series.columns.length));
      const single = series.columns.length === 1;
      frames.push(
        buildFrame({
          name: service.name,
          refId: query.refId,
          fields: [
            { name: 'time', type: 'time', config: { interval: context.stepMs } },
            ...series.columns.map((column) => ({
              name: column.name,
              type: 'number' as const,
              labels: { service: service.name, team: service.team, resource },
              config: {
                displayNameFromDS: single ? service.name : `${service.name} ${column.name.replace(/_/g, ' ')}`,
                unit: info.unit,
                description: series.describe,
              },
            })),
          ],
          values: [series.times, ...series.columns.map((c) => c.values)],
          provenance: provenanceOf(source),
          meta: { type: 'timeseries-wide', typeVersion: [0, 1], preferredVisualisationType: 'graph' },
          answer: series.meta,
        })
      );
      break;
    }
  }
  return frames;
};
