import { type Catalog } from '../catalog';
import { DemoSource } from './demo';
import { type Source } from './types';

export interface SourceSettings {
  demoSeed: number;
}

/**
 * Every source the settings configure. No upstream adapters exist yet, so this is the demo fleet alone; when
 * CloudWatch, PagerDuty… arrive they are built here from their settings, and `activeSources` retires the demo.
 */
export function buildSources(settings: SourceSettings, catalog: Catalog): Source[] {
  const real: Source[] = [];
  return [...real, new DemoSource(settings.demoSeed, catalog.services)];
}

/** The demo fleet answers only while no real source is configured, so real and made-up data never mix. */
export function activeSources(sources: readonly Source[]): Source[] {
  const real = sources.filter((source) => !source.demo);
  return real.length > 0 ? real : [...sources];
}
