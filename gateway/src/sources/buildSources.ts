import { type Catalog } from '../catalog';
import { type SourceSettings } from '../upstream/descriptor';
import { UPSTREAMS } from '../upstreams';
import { type Source } from './types';

export type { SourceSettings };

/**
 * Every source the settings configure: the AWS source (CloudWatch, Cost Explorer, Auto Scaling, Logs) when accounts
 * are configured, and the demo fleet, which `activeSources` retires as soon as a real source exists.
 */
export function buildSources(settings: SourceSettings, catalog: Catalog): Source[] {
  return UPSTREAMS.flatMap((upstream) => upstream.source?.(settings, catalog.services) ?? []);
}

/** The demo fleet answers only while no real source is configured, so real and made-up data never mix. */
export function activeSources(sources: readonly Source[]): Source[] {
  const real = sources.filter((source) => !source.demo);
  return real.length > 0 ? real : [...sources];
}
