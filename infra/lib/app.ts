/**
 * The Opsdeck CDK app, one stack per concern, driven by the service catalog:
 * - Opsdeck-Gateway: the gateway, its database, cache, secrets, HTTPS endpoint and task role (home account/region);
 * - Opsdeck-AlertRouting-<account>-<region>: severity topics and the catalog's alarms, where the metrics are;
 * - Opsdeck-CrossAccountRead-<account>: the read role of each other account of the catalog;
 * - Opsdeck-Dashboards: the CloudWatch dashboards (home account/region);
 * - Opsdeck-AwsEvents-…: the EventBridge → Lambda → gateway event forwarder, when its handler is built.
 */
import { Annotations, Tags, type App, type Stack } from 'aws-cdk-lib';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { listAlarms, planCatalogAlarms, type AlarmListing } from './alarms/catalogAlarms';
import { catalogEnvs, envKey, memberAccounts, readCatalog, type AwsEnv } from './catalog';
import type { InfraConfig } from './config';
import { catalogDashboards } from './dashboards/body';
import { STACK_NAMES } from './naming';
import { AlertRoutingStack } from './stacks/alertRoutingStack';
import { AwsEventsForwardStack, AwsEventsStack } from './stacks/awsEventsStack';
import { CrossAccountReadStack } from './stacks/crossAccountReadStack';
import { DashboardsStack } from './stacks/dashboardsStack';
import { GatewayStack } from './stacks/gatewayStack';

export interface OpsdeckStacks {
  gateway: GatewayStack;
  dashboards: DashboardsStack;
  alertRouting: AlertRoutingStack[];
  crossAccountRead: CrossAccountReadStack[];
  awsEvents?: AwsEventsStack;
  awsEventsForward: AwsEventsForwardStack[];
  /** Every alarm the app creates. */
  alarms: AlarmListing[];
  /** Stacks left out, and why (also synthesis warnings). */
  skipped: string[];
}

export interface BuildOptions {
  /** The built AWS events handler (a directory with index.js); without it the event forwarder is left out. */
  awsEventsCodeDir?: string;
}

/** Cross-stack references (the gateway's URL and load balancer) keep today's behaviour, said explicitly. */
const REFERENCE_STRENGTH = '@aws-cdk/core:defaultCrossStackReferences';

export function buildOpsdeck(app: App, config: InfraConfig, options: BuildOptions = {}): OpsdeckStacks {
  if (app.node.tryGetContext(REFERENCE_STRENGTH) === undefined) app.node.setContext(REFERENCE_STRENGTH, 'strong');
  const catalog = readCatalog(config.catalogFile);
  const services = catalog.services;
  const home: AwsEnv = { account: config.account, region: config.region };
  const envs = catalogEnvs(services, home);
  const skipped: string[] = [];
  const tag = (stack: Stack, component: string) => {
    Tags.of(stack).add('application', 'opsdeck');
    Tags.of(stack).add('opsdeck:component', component);
    return stack;
  };

  const gateway = new GatewayStack(app, STACK_NAMES.gateway, {
    env: home,
    description: 'Opsdeck gateway: ECS Fargate replicas, Aurora Serverless v2, Valkey, secrets, HTTP API',
    config,
    services,
    alertEnvs: envs,
    awsEventsToken: options.awsEventsCodeDir !== undefined,
  });
  tag(gateway, 'gateway');

  // Validates the overrides against every alarm, and gives the gateway's own alarm its load balancer.
  const planned = planCatalogAlarms(services, home, config.alarmOverrides, {
    targetGroup: gateway.targetGroup.targetGroupFullName,
    loadBalancer: gateway.loadBalancer.loadBalancerFullName,
  });
  const alertRouting: AlertRoutingStack[] = [];
  for (const env of envs) {
    const isHome = envKey(env) === envKey(home);
    // Another account or region cannot take a reference from the gateway's stack: it needs the URL as config.
    const gatewayUrl = config.gatewayUrl ?? (isHome ? gateway.publicUrl : undefined);
    if (!gatewayUrl) {
      skipped.push(
        `${STACK_NAMES.alertRouting(env)}: set -c gatewayUrl=<the GatewayUrl output of ${STACK_NAMES.gateway}> to route the alarms of ${env.account}/${env.region}`
      );
      continue;
    }
    const stack = new AlertRoutingStack(app, STACK_NAMES.alertRouting(env), {
      env,
      description: `Opsdeck alert routing for ${env.account}/${env.region}: severity topics to the gateway, catalog alarms`,
      gatewayUrl,
      alarms: planned.get(envKey(env))!.alarms,
      subscriptions: config.alarmSubscriptions,
    });
    // Topics subscribe to the gateway, which confirms the subscriptions: it must be up first.
    stack.addStackDependency(gateway);
    alertRouting.push(tag(stack, 'alert-routing') as AlertRoutingStack);
  }

  const crossAccountRead = memberAccounts(services, home).map(
    (account) =>
      tag(
        new CrossAccountReadStack(app, STACK_NAMES.crossAccountRead(account), {
          env: { account, region: home.region },
          description: `Opsdeck read role in ${account}, assumed by the gateway in ${home.account}`,
          gatewayAccount: home.account,
          externalId: config.externalId,
        }),
        'cross-account-read'
      ) as CrossAccountReadStack
  );

  const alarms = listAlarms(services, home, config.alarmOverrides);
  const dashboards = new DashboardsStack(app, STACK_NAMES.dashboards, {
    env: home,
    description: 'Opsdeck CloudWatch dashboards: the fleet and one per catalog service',
    dashboards: catalogDashboards(services, home, alarms),
  });
  tag(dashboards, 'dashboards');

  let awsEvents: AwsEventsStack | undefined;
  const awsEventsForward: AwsEventsForwardStack[] = [];
  if (options.awsEventsCodeDir !== undefined) {
    awsEvents = new AwsEventsStack(app, STACK_NAMES.awsEvents(home), {
      env: home,
      description: 'Opsdeck AWS events: EventBridge rules, queue and the Lambda posting to the gateway',
      codeDir: options.awsEventsCodeDir,
      gatewayUrl: gateway.publicUrl,
      tokenSecret: gateway.awsEventsTokenSecret!,
      sourceAccounts: memberAccounts(services, home),
      logRetentionDays: config.logRetentionDays as logs.RetentionDays,
    });
    tag(awsEvents, 'aws-events');
    for (const env of envs.filter((e) => envKey(e) !== envKey(home))) {
      const forward = new AwsEventsForwardStack(app, STACK_NAMES.awsEvents(env), {
        env,
        description: `Opsdeck AWS events of ${env.account}/${env.region}, forwarded to the gateway's event bus`,
        gatewayEnv: home,
      });
      forward.addStackDependency(awsEvents);
      awsEventsForward.push(tag(forward, 'aws-events') as AwsEventsForwardStack);
    }
  } else {
    skipped.push('Opsdeck-AwsEvents-*: the handler infra/lambda/aws-events/handler.ts is not built');
  }

  for (const reason of skipped) Annotations.of(gateway).addWarningV2('opsdeck:stack-skipped', reason);
  return { gateway, dashboards, alertRouting, crossAccountRead, awsEvents, awsEventsForward, alarms, skipped };
}
