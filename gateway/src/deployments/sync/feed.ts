/** Where the poll loop gets deployments from: the AWS deploy targets, or the demo fleet. */
import type { Deployment, PipelineStage } from '@opsdeck/contract';

export interface PolledPipeline {
  service: string;
  pipeline: string;
  stages: PipelineStage[];
}

export interface FeedPoll {
  deployments: Deployment[];
  pipelines: PolledPipeline[];
  /** Per-service failures; the other services' results still count. */
  errors: Array<{ service: string; message: string }>;
}

export interface DeploymentFeed {
  readonly kind: 'aws' | 'demo';
  /** `first` is true on the gateway's first poll, when a feed may backfill history. */
  poll(now: number, first: boolean): Promise<FeedPoll>;
}
