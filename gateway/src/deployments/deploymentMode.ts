import type { LoadedConfig } from '../config';
import type { DeploymentMode } from './deploymentsModule';

/**
 * AWS deploy targets are polled when AWS accounts are configured (the clients use the gateway's own credentials;
 * a service's `aws.region` picks the region, else the first configured one). Otherwise the app decides: the demo
 * fleet's deploys in demo mode, CI ingest only when other live sources answer.
 */
export function deploymentModeOf(config: Pick<LoadedConfig, 'aws'>): DeploymentMode | undefined {
  const region = config.aws?.accounts[0]?.regions[0];
  return region ? { kind: 'aws', defaultRegion: region } : undefined;
}
