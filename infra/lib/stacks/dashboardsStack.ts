/**
 * The catalog's CloudWatch dashboards (lib/dashboards/body.ts) as AWS::CloudWatch::Dashboard resources, in the
 * gateway's account and region. The bodies are the ones `npm run export:cloudwatch-dashboards` writes.
 */
import { Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';
import type { CloudWatchDashboard } from '../dashboards/body';

export interface DashboardsStackProps extends StackProps {
  dashboards: readonly CloudWatchDashboard[];
}

export class DashboardsStack extends Stack {
  constructor(scope: Construct, id: string, props: DashboardsStackProps) {
    super(scope, id, props);
    for (const dashboard of props.dashboards) {
      new cloudwatch.CfnDashboard(this, `Dashboard-${dashboard.name}`, {
        dashboardName: dashboard.name,
        dashboardBody: JSON.stringify(dashboard.body),
      });
    }
  }
}
