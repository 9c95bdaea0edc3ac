import { type QueryHandler } from './context';
import { parseFilter } from './filters';
import { buildFrame, provenanceOf } from './frames';

/** The CloudWatch escape hatch: one series for any namespace / metric / dimensions / statistic, from the first source able. */
export const rawMetric: QueryHandler = async (context, query) => {
  const source = context.sources.find((s) => s.rawMetric);
  if (!source?.rawMetric) return [];
  // A region filter may list several regions (a multi-value variable); the raw query reads one.
  const regions = parseFilter(query.region);
  const request = {
    account: query.account,
    region: regions ? [...regions][0] : undefined,
    namespace: query.namespace ?? '',
    metricName: query.metricName ?? '',
    dimensions: query.dimensions ?? {},
    stat: query.statistic ?? 'Average',
    periodS: query.period,
  };
  const series = await source.rawMetric(request, context.range, context.stepMs);
  context.budget.book(series.times.length);
  const label = Object.entries(request.dimensions)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const name = `${request.namespace} ${request.metricName}${label ? ` {${label}}` : ''} ${request.stat}`;
  return [
    buildFrame({
      name,
      refId: query.refId,
      fields: [
        { name: 'time', type: 'time', config: { interval: series.periodS * 1000 } },
        {
          name: 'value',
          type: 'number',
          labels: { namespace: request.namespace, metric: request.metricName, ...request.dimensions },
          config: { displayNameFromDS: name },
        },
      ],
      values: [series.times, series.values],
      provenance: provenanceOf(source),
      meta: { type: 'timeseries-multi', typeVersion: [0, 1], preferredVisualisationType: 'graph' },
      answer: series.meta,
    }),
  ];
};
