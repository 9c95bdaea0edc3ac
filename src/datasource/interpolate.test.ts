import { interpolateQuery, interpolateValue } from './interpolate';
import { fakeTemplateSrv } from './testing';

describe('interpolateValue', () => {
  const templateSrv = fakeTemplateSrv({ one: 'checkout-api', many: ['a', 'b'], all: ['*'], grafanaAll: '$__all' });

  it('joins multi-value variables with commas', () => {
    expect(interpolateValue(templateSrv, '$many')).toBe('a,b');
    expect(interpolateValue(templateSrv, '${one}')).toBe('checkout-api');
  });

  it('sends the gateway wildcard for All', () => {
    expect(interpolateValue(templateSrv, '$all')).toBe('*');
    expect(interpolateValue(templateSrv, '$grafanaAll')).toBe('*');
  });

  it('unwraps a glob-formatted list and leaves empty values alone', () => {
    const globbing = { replace: () => '{x,y}' };
    expect(interpolateValue(globbing, '$x')).toBe('x,y');
    expect(interpolateValue(templateSrv, '')).toBe('');
    expect(interpolateValue(templateSrv, undefined)).toBeUndefined();
  });

  it('lets scoped variables (panel repeats) win', () => {
    expect(interpolateValue(templateSrv, '$one', { one: { text: 'x', value: 'search-api' } })).toBe('search-api');
  });

  it('interpolates only the scope fields of a query', () => {
    expect(interpolateQuery(templateSrv, { refId: 'A', queryType: 'service_metric', metric: 'request_rate', service: '$many', team: '$one' })).toEqual({
      refId: 'A',
      queryType: 'service_metric',
      metric: 'request_rate',
      service: 'a,b',
      team: 'checkout-api',
      region: undefined,
    });
  });
});
