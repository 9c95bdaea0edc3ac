import path from 'node:path';
import { loadCatalog } from '../catalog';
import { parseFilter, selectServices } from './filters';

const catalog = loadCatalog(path.resolve(__dirname, '../../../provisioning/opsdeck/services.yaml'));
const names = (query: Parameters<typeof selectServices>[1]) =>
  selectServices(catalog.services, query).map((s) => s.name);

describe('query filters', () => {
  it('reads empty and * as everything, and lists or globs as sets', () => {
    expect(parseFilter(undefined)).toBeUndefined();
    expect(parseFilter('')).toBeUndefined();
    expect(parseFilter('*')).toBeUndefined();
    expect(parseFilter('a,*')).toBeUndefined();
    expect(parseFilter('a')).toEqual(new Set(['a']));
    expect(parseFilter(' a , b ')).toEqual(new Set(['a', 'b']));
    expect(parseFilter('{a,b}')).toEqual(new Set(['a', 'b']));
  });

  it('selects services by name, team and region, in catalog order', () => {
    expect(names({})).toHaveLength(catalog.services.length);
    expect(names({ team: 'payments' })).toEqual(['checkout-api', 'payments-worker', 'fraud-scoring']);
    expect(names({ team: 'payments,platform', region: 'us-east-1' })).toEqual(['notifications']);
    expect(names({ service: 'search-api,identity-api' })).toEqual(['search-api', 'identity-api']);
    expect(names({ service: 'checkout-api', team: 'catalog' })).toEqual([]);
    expect(names({ service: 'no-such-service' })).toEqual([]);
  });
});
