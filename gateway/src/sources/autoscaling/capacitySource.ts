/**
 * Desired vs in-service vs min/max capacity per Auto Scaling group, from DescribeAutoScalingGroups (Auto Scaling's
 * own view, available even when group metrics collection is off; then Group* metrics are absent from CloudWatch
 * and `metricsCollection` says so). Cached to the minute like CloudWatch data.
 */
import {
  DescribeAutoScalingGroupsCommand,
  type AutoScalingClient,
  type DescribeAutoScalingGroupsCommandOutput,
} from '@aws-sdk/client-auto-scaling';
import { describeAwsError, fetchAllPages, type GuardDeps } from '../aws';
import { CachedCall, periodAlignedExpiry, systemClock, type Clock, type SharedFlight } from '../../upstream';
import type { StaleNotice } from '../cloudwatch/types';

export const AUTO_SCALING_SOURCE = 'autoscaling';
/** DescribeAutoScalingGroups takes up to 100 names per call (MaxRecords ≤ 100). */
const NAMES_PER_CALL = 100;

export interface GroupCapacity {
  name: string;
  desired: number;
  inService: number;
  /** Instances launching, not yet in service. */
  pending: number;
  min: number;
  max: number;
  /** Whether GroupInServiceInstances & co. are published to CloudWatch (EnableMetricsCollection). */
  metricsCollection: boolean;
}

export interface CapacityAnswer {
  groups: GroupCapacity[];
  /** Names asked for that Auto Scaling does not know in this account/region. */
  missing: string[];
  meta: { source: 'autoscaling'; fromCache: boolean; fetchedAtMs: number; stale?: StaleNotice };
}

export interface AutoScalingSourceOptions extends GuardDeps {
  clients: { autoScaling(account: string, region: string): AutoScalingClient };
  clock?: Clock;
  /** Cache lifetime, aligned to boundaries of this many seconds. */
  cachePeriodS?: number;
  /** Shares answers with the other replicas (Redis). */
  shared?: SharedFlight;
}

export class AutoScalingSource {
  private readonly clock: Clock;
  private readonly cached: CachedCall<GroupCapacity[]>;

  constructor(private readonly options: AutoScalingSourceOptions) {
    this.clock = options.clock ?? systemClock;
    this.cached = new CachedCall(() => this.clock.now(), describeAwsError, options.shared);
  }

  async capacity(account: string, region: string, groupNames: string[]): Promise<CapacityAnswer> {
    const names = [...new Set(groupNames)].sort();
    const period = this.options.cachePeriodS ?? 60;
    const answer = await this.cached.get(
      `${account}/${region}/${names.join(',')}`,
      (now) => periodAlignedExpiry(now, period),
      async () => {
        const groups: GroupCapacity[] = [];
        for (let i = 0; i < names.length; i += NAMES_PER_CALL) {
          const chunk = names.slice(i, i + NAMES_PER_CALL);
          const pages = await fetchAllPages<DescribeAutoScalingGroupsCommandOutput>(
            this.options,
            {
              source: AUTO_SCALING_SOURCE,
              breakerKey: `${account}/${region}/DescribeAutoScalingGroups`,
              pricing: 'free',
            },
            (token) =>
              this.options.clients.autoScaling(account, region).send(
                new DescribeAutoScalingGroupsCommand({
                  AutoScalingGroupNames: chunk,
                  MaxRecords: NAMES_PER_CALL,
                  NextToken: token,
                })
              ),
            (page) => page.NextToken
          );
          for (const g of pages.flatMap((p) => p.AutoScalingGroups ?? [])) groups.push(toCapacity(g));
        }
        return groups;
      }
    );
    const found = new Set(answer.value.map((g) => g.name));
    return {
      groups: answer.value,
      missing: names.filter((n) => !found.has(n)),
      meta: {
        source: 'autoscaling',
        fromCache: answer.fromCache,
        fetchedAtMs: answer.fetchedAtMs,
        ...(answer.stale ? { stale: answer.stale } : {}),
      },
    };
  }
}

type AwsGroup = NonNullable<DescribeAutoScalingGroupsCommandOutput['AutoScalingGroups']>[number];

function toCapacity(g: AwsGroup): GroupCapacity {
  const instances = g.Instances ?? [];
  return {
    name: g.AutoScalingGroupName ?? '',
    desired: g.DesiredCapacity ?? 0,
    inService: instances.filter((i) => i.LifecycleState === 'InService').length,
    pending: instances.filter((i) => String(i.LifecycleState).startsWith('Pending')).length,
    min: g.MinSize ?? 0,
    max: g.MaxSize ?? 0,
    metricsCollection: (g.EnabledMetrics ?? []).some((m) => m.Metric === 'GroupInServiceInstances'),
  };
}
