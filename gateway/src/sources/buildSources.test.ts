import path from 'node:path';
import { loadCatalog } from '../catalog';
import { activeSources, buildSources } from './buildSources';
import { DemoSource } from './demo';
import { type Source } from './types';

const catalog = loadCatalog(path.resolve(__dirname, '../../../provisioning/opsdeck/services.yaml'));

/** Stands in for a future upstream adapter: only its identity matters to the selection. */
const realSource: Source = {
  id: 'cloudwatch-eu-west-1',
  kind: 'cloudwatch',
  demo: false,
  health: async () => ({ id: 'cloudwatch-eu-west-1', kind: 'cloudwatch', state: 'ok' }),
  serviceMetric: async () => null,
  serviceSnapshot: async () => null,
  timelineEvents: async () => [],
};

describe('source wiring', () => {
  it('builds the demo fleet while no upstream is configured', () => {
    const sources = buildSources({ demoSeed: 42 }, catalog);
    expect(sources).toHaveLength(1);
    expect(sources[0]).toBeInstanceOf(DemoSource);
    expect(activeSources(sources)).toEqual(sources);
  });

  it('retires the demo fleet as soon as a real source exists', () => {
    const demo = new DemoSource(42, catalog.services);
    expect(activeSources([demo, realSource])).toEqual([realSource]);
  });
});
