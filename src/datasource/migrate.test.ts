import fc from 'fast-check';
import { QUERY_TYPES, type OpsdeckQuery } from '@opsdeck/contract';
import { migrateQuery, type SavedQuery } from './migrate';

describe('migrateQuery', () => {
  it('gives a query saved with a refId only the default type, which the editor shows', () => {
    expect(migrateQuery({ refId: 'A' })).toEqual({ refId: 'A', queryType: 'fleet_health' });
  });

  it('reads event kinds saved as comma text as the list, dropping words that are no kind', () => {
    expect(migrateQuery({ refId: 'A', queryType: 'events', eventKinds: 'deployment, incident' })).toEqual({
      refId: 'A',
      queryType: 'events',
      eventKinds: ['deployment', 'incident'],
    });
    expect(migrateQuery({ refId: 'A', queryType: 'events', eventKinds: 'deploys,incident' }).eventKinds).toEqual([
      'incident',
    ]);
  });

  it('reads whole numbers saved as text as numbers, and leaves other text for the gateway to refuse', () => {
    const saved: SavedQuery = { refId: 'A', queryType: 'raw_metric', period: '300', topN: ' 8 ' };
    expect(migrateQuery(saved)).toMatchObject({ period: 300, topN: 8 });
    expect(migrateQuery({ refId: 'A', queryType: 'cost', topN: 'ten' }).topN).toBe('ten');
  });

  it('returns a query already in the current shape as the same object, so editing it is not a change', () => {
    const current: OpsdeckQuery = { refId: 'A', queryType: 'events', eventKinds: ['incident'], period: 60, topN: 5 };
    expect(migrateQuery(current)).toBe(current);
  });

  it('is idempotent: a migrated query migrates to itself', () => {
    const saved = fc.record(
      {
        refId: fc.constant('A'),
        queryType: fc.constantFrom(...QUERY_TYPES),
        eventKinds: fc.oneof(fc.string(), fc.subarray(['deployment', 'incident'] as const)),
        topN: fc.oneof(fc.nat(), fc.string()),
        period: fc.oneof(fc.nat(), fc.nat().map(String)),
      },
      { requiredKeys: ['refId'] }
    );
    fc.assert(
      fc.property(saved, (query) => {
        const once = migrateQuery(query as SavedQuery);
        expect(migrateQuery(once)).toBe(once);
      })
    );
  });
});
