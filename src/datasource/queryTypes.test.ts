import { QUERY_TYPES, type OpsdeckQuery } from '@opsdeck/contract';
import { describeQuery, QUERY_TYPE_INFO, QUERY_TYPE_OPTIONS } from './queryTypes';

describe('query types', () => {
  it('offers every query type of the contract exactly once, so no saved panel has a type the editor cannot show', () => {
    const offered = QUERY_TYPE_OPTIONS.map((option) => option.value);
    expect([...offered].sort()).toEqual([...QUERY_TYPES].sort());
    expect(new Set(offered).size).toBe(offered.length);
  });

  it.each(QUERY_TYPES)('describes a %s query in words, never as an unknown type', (queryType) => {
    const text = describeQuery({ refId: 'A', queryType });
    expect(text).not.toMatch(/unknown/i);
    expect(text.length).toBeGreaterThan(3);
  });

  it.each<[OpsdeckQuery, string]>([
    [{ refId: 'A', queryType: 'fleet_health', team: 'payments' }, 'Fleet health · team payments'],
    [
      { refId: 'A', queryType: 'service_metric', metric: 'latency_p99', service: 'checkout-api' },
      'Latency p99 · service checkout-api',
    ],
    [
      { refId: 'A', queryType: 'infrastructure', resource: 'rds', infraMetric: 'connections' },
      'RDS: Connections vs pool',
    ],
    [{ refId: 'A', queryType: 'cost', costView: 'daily' }, 'Cost: Daily trend'],
    [
      {
        refId: 'A',
        queryType: 'raw_metric',
        namespace: 'AWS/SQS',
        metricName: 'ApproximateAgeOfOldestMessage',
        statistic: 'Maximum',
        region: 'eu-west-1',
      },
      'CloudWatch AWS/SQS ApproximateAgeOfOldestMessage (Maximum) · region eu-west-1',
    ],
    [{ refId: 'A', queryType: 'deployments', environment: 'production', service: '*' }, 'Deployments in production'],
    [{ refId: 'A', queryType: 'dora', doraGroupBy: 'team' }, 'DORA figures per team'],
    [{ refId: 'A', queryType: 'suspect_deploys', suspectMetric: 'latency_p99' }, 'Suspect deploys for latency p99'],
  ])('describes %j as "%s"', (query, text) => {
    expect(describeQuery(query)).toBe(text);
  });

  it('names a type this version does not know, as a newer dashboard may have saved it', () => {
    expect(describeQuery({ refId: 'A', queryType: 'slo_burn' as never })).toBe('Unknown query type slo_burn');
  });

  it('fills in what a type needs only when the query lacks it', () => {
    expect(QUERY_TYPE_INFO.service_metric.defaults?.({ refId: 'A', queryType: 'fleet_health' })).toEqual({
      metric: 'request_rate',
    });
    expect(
      QUERY_TYPE_INFO.service_metric.defaults?.({ refId: 'A', queryType: 'fleet_health', metric: 'error_rate' })
    ).toEqual({});
    expect(QUERY_TYPE_INFO.events.defaults?.({ refId: 'A', queryType: 'fleet_health' })).toEqual({
      eventKinds: ['deployment', 'incident'],
    });
  });
});
