/** The demo fleet's deployments and pipelines, fed through the same store path as the AWS pollers. */
import type { CatalogService } from '@opsdeck/contract';
import { demoDeployments, demoPipelineStages } from '../../sources/demo/demoDeployments';
import { newestFirst } from '../model';
import type { DeploymentFeed, FeedPoll } from './feed';

const DAY_MS = 86_400_000;
/** Enough history for 30-day DORA figures on the first poll. */
export const DEMO_BACKFILL_MS = 30 * DAY_MS;
/** Later polls only revisit what can still change: deploys in flight and rollbacks that follow them. */
const DEMO_REFRESH_MS = DAY_MS;

export class DemoDeploymentFeed implements DeploymentFeed {
  readonly kind = 'demo';

  constructor(
    private readonly seed: number,
    private readonly services: readonly CatalogService[]
  ) {}

  async poll(now: number, first: boolean): Promise<FeedPoll> {
    const range = { from: now - (first ? DEMO_BACKFILL_MS : DEMO_REFRESH_MS), to: now };
    const result: FeedPoll = { deployments: [], pipelines: [], errors: [] };
    for (const service of this.services) {
      const records = demoDeployments(this.seed, service, range, now);
      result.deployments.push(...records);
      const latest = [...records].sort(newestFirst)[0];
      const target = service.deployTarget;
      const pipeline = target?.kind === 'codepipeline' && target.name ? target.name : `${service.name}-release`;
      result.pipelines.push({ service: service.name, pipeline, stages: demoPipelineStages(latest) });
    }
    return result;
  }
}
