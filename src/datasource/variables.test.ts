import { dateTime, type DataQueryRequest, type DataFrame } from '@grafana/data';
import { lastValueFrom } from 'rxjs';
import { GatewayClient } from '@/api';
import { fakeFetch } from '@/api/testing';
import { type OpsdeckVariableQuery, type ServicesResponse } from '@opsdeck/contract';
import { OpsdeckVariableSupport, variableValues } from './variables';
import { fakeTemplateSrv, PROXY_URL } from './testing';

const service = (name: string, team: string, displayName?: string) => ({ name, team, displayName, tier: 1 as const, owners: [], aws: {}, slo: {}, objectives: [] });
const catalog: ServicesResponse = {
  services: [service('checkout-api', 'payments', 'Checkout API'), service('inventory-api', 'catalog'), service('search-api', 'discovery')],
  teams: ['catalog', 'discovery', 'payments'],
  regions: ['eu-west-1', 'us-east-1'],
};

function request(query: OpsdeckVariableQuery): DataQueryRequest<OpsdeckVariableQuery> {
  return {
    targets: [query],
    range: { from: dateTime(0), to: dateTime(1), raw: { from: 'now-1h', to: 'now' } },
    scopedVars: {},
    requestId: 'v',
    interval: '1m',
    intervalMs: 60_000,
    timezone: 'utc',
    app: 'dashboard',
    startTime: 0,
  };
}

function textAndValue(frame: DataFrame) {
  const [text, value] = frame.fields;
  return text.values.map((t: string, i: number) => [t, value.values[i]]);
}

describe('OpsdeckVariableSupport', () => {
  const fetcher = fakeFetch({ [`GET ${PROXY_URL}/read/api/services`]: { data: catalog } });
  const client = new GatewayClient(PROXY_URL, fetcher);

  it('lists teams and regions from GET /api/services', async () => {
    const support = new OpsdeckVariableSupport(client, fakeTemplateSrv({}));
    const teams = await lastValueFrom(support.query(request({ refId: 'v', kind: 'team' })));
    expect(textAndValue(teams.data[0])).toEqual([
      ['catalog', 'catalog'],
      ['discovery', 'discovery'],
      ['payments', 'payments'],
    ]);
    const regions = await lastValueFrom(support.query(request({ refId: 'v', kind: 'region' })));
    expect(textAndValue(regions.data[0])).toEqual([
      ['eu-west-1', 'eu-west-1'],
      ['us-east-1', 'us-east-1'],
    ]);
  });

  it('narrows services to the teams of an interpolated multi-value variable', async () => {
    const support = new OpsdeckVariableSupport(client, fakeTemplateSrv({ team: ['payments', 'discovery'] }));
    const response = await lastValueFrom(support.query(request({ refId: 'v', kind: 'service', team: '$team' })));
    expect(textAndValue(response.data[0])).toEqual([
      ['Checkout API (checkout-api)', 'checkout-api'],
      ['search-api', 'search-api'],
    ]);
  });

  it('lists every service when the team variable is All', async () => {
    const support = new OpsdeckVariableSupport(client, fakeTemplateSrv({ team: '*' }));
    const response = await lastValueFrom(support.query(request({ refId: 'v', kind: 'service', team: '$team' })));
    expect(response.data[0].fields[1].values).toEqual(['checkout-api', 'inventory-api', 'search-api']);
  });
});

describe('variableValues', () => {
  it('treats an empty team filter as every team', () => {
    expect(variableValues(catalog, 'service', '').map((v) => v.value)).toEqual(['checkout-api', 'inventory-api', 'search-api']);
    expect(variableValues(catalog, 'service', 'catalog').map((v) => v.value)).toEqual(['inventory-api']);
  });
});
