/** Polls every catalog service's AWS deploy target (CodeDeploy, CodePipeline, Lambda alias, ECS service). */
import type { CatalogService, Deployment } from '@opsdeck/contract';
import { pollDeployTarget } from '../pollTarget';
import type { DeployClients } from '../../sources/aws/deployClients';
import type { DeploymentFeed, FeedPoll } from './feed';

export interface AwsFeedOptions {
  services: readonly CatalogService[];
  /** Clients for a region (a service's `aws.region`, else the default region). */
  clientsFor(region: string): DeployClients;
  defaultRegion: string;
  /** The service's stored records, newest first (Lambda and ECS compare against them). */
  history(service: string): Promise<Deployment[]>;
}

/** CodeDeploy lists only deployments created since then after the first poll; the first reaches back this far. */
const FIRST_LOOKBACK_MS = 30 * 86_400_000;
const OVERLAP_MS = 3_600_000;

export class AwsDeploymentFeed implements DeploymentFeed {
  readonly kind = 'aws';
  private lastPoll: number | undefined;

  constructor(private readonly options: AwsFeedOptions) {}

  async poll(now: number, first: boolean): Promise<FeedPoll> {
    const since = first || this.lastPoll === undefined ? now - FIRST_LOOKBACK_MS : this.lastPoll - OVERLAP_MS;
    const result: FeedPoll = { deployments: [], pipelines: [], errors: [] };
    for (const service of this.options.services) {
      const region = service.aws.region ?? this.options.defaultRegion;
      try {
        const known = await this.options.history(service.name);
        const polled = await pollDeployTarget(this.options.clientsFor(region), service, { region, known, now, since });
        if (!polled) continue;
        result.deployments.push(...polled.deployments);
        if (polled.stages && service.deployTarget?.name) {
          result.pipelines.push({ service: service.name, pipeline: service.deployTarget.name, stages: polled.stages });
        }
      } catch (err) {
        result.errors.push({ service: service.name, message: err instanceof Error ? err.message : String(err) });
      }
    }
    this.lastPoll = now;
    return result;
  }
}
