/**
 * One SDK client per account/region/service, built lazily and reused (clients hold connection pools).
 * SDK-level retries are off (maxAttempts 1): Opsdeck retries itself, within a budget and behind a circuit breaker,
 * so a throttled call is never retried twice over.
 */
import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsAccountConfig, AwsSourceConfig } from './config';

/** Cost Explorer has one endpoint, in us-east-1, whatever region the data is about (research/aws-apis.md §1). */
export const COST_EXPLORER_REGION = 'us-east-1';

interface ClientCommon {
  region: string;
  endpoint?: string;
  maxAttempts: number;
  credentials?: ReturnType<typeof fromTemporaryCredentials>;
}

export class AwsClients {
  private readonly cache = new Map<string, unknown>();

  constructor(private readonly config: AwsSourceConfig) {}

  account(accountId: string): AwsAccountConfig {
    const account = this.config.accounts.find((a) => a.id === accountId);
    if (!account) throw new Error(`AWS account ${accountId} is not configured (OPSDECK_AWS_ACCOUNTS)`);
    return account;
  }

  cloudwatch(accountId: string, region: string): CloudWatchClient {
    return this.memo(
      `cw/${accountId}/${region}`,
      () => new CloudWatchClient(this.common(accountId, region, this.config.endpoints.cloudwatch))
    );
  }

  autoScaling(accountId: string, region: string): AutoScalingClient {
    return this.memo(
      `asg/${accountId}/${region}`,
      () => new AutoScalingClient(this.common(accountId, region, this.config.endpoints.autoScaling))
    );
  }

  logs(accountId: string, region: string): CloudWatchLogsClient {
    return this.memo(
      `logs/${accountId}/${region}`,
      () => new CloudWatchLogsClient(this.common(accountId, region, this.config.endpoints.logs))
    );
  }

  costExplorer(accountId: string): CostExplorerClient {
    return this.memo(
      `ce/${accountId}`,
      () => new CostExplorerClient(this.common(accountId, COST_EXPLORER_REGION, this.config.endpoints.costExplorer))
    );
  }

  /** Closes every client's sockets (server shutdown, end of tests). */
  destroy(): void {
    for (const client of this.cache.values()) (client as { destroy(): void }).destroy();
    this.cache.clear();
  }

  private memo<C>(key: string, build: () => C): C {
    let client = this.cache.get(key) as C | undefined;
    if (!client) {
      client = build();
      this.cache.set(key, client);
    }
    return client;
  }

  private common(accountId: string, region: string, endpoint: string | undefined): ClientCommon {
    const account = this.account(accountId);
    return {
      region,
      endpoint,
      maxAttempts: 1,
      // Undefined credentials = the SDK's default provider chain.
      credentials: account.roleArn
        ? fromTemporaryCredentials({
            params: { RoleArn: account.roleArn, ExternalId: account.externalId, RoleSessionName: 'opsdeck' },
            clientConfig: { region, endpoint: this.config.endpoints.sts },
          })
        : undefined,
    };
  }
}
