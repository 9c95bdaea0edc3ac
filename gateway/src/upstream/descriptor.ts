/**
 * What one upstream contributes to the gateway, declared once in its folder (sources/<upstream>/upstream.ts) and
 * listed in the registry (src/upstreams.ts). Each part is optional: an upstream has the parts its API has. The
 * domain modules walk the registry instead of naming upstreams, so a new upstream is its folder plus one line.
 */
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { CatalogService, Deployment, PipelineStage, RollbackTargetKind } from '@opsdeck/contract';
import type { IncidentSettings } from '../config/types';
import type { AwsSourcesDeps } from '../sources/aws/awsSources';
import type { AwsSourceConfig } from '../sources/aws/config';
import type { DeployClients } from '../sources/aws/deployClients';
import type { CertificateProvider } from '../sources/sns/certificates';
import type { UrlGetter } from '../sources/sns/confirmSubscription';
import type { Source } from '../sources/types';
import type { PollerDeps } from './alertIngest';
import type { HeldAcks, IncidentProvider } from './incidentActions';
import type { RollbackAdapter, TargetOf } from './rollbackAdapter';
import type { WebhookConfig } from './webhookConfig';
import type { WebhookIngest } from './webhookIngest';

export interface SourceSettings {
  demoSeed: number;
  /** LoadedConfig.aws: the AWS accounts and regions to read; absent = no AWS source. */
  aws?: AwsSourceConfig;
  /** Clock, sleeps and backoff for the AWS clients; tests shorten them. */
  awsDeps?: AwsSourcesDeps;
}

/** Test seams of the webhook side; production leaves them unset. */
export interface WebhookSeams {
  /** Defaults: certificates from config.snsCertsDir or HTTPS; subscription confirmation over HTTPS. */
  snsCertificates?: CertificateProvider;
  confirmSnsSubscription?: UrlGetter;
}

export interface ClientOverrides {
  /** Tests shorten Opsgenie's request polling. */
  opsgeniePollIntervalMs?: number;
  /** Tests shorten JSM Operations' request polling. */
  jsmPollIntervalMs?: number;
}

/** What the alert side's clients are built from. */
export interface ConnectContext {
  settings: IncidentSettings;
  overrides: ClientOverrides;
  /** CloudWatch clients to poll DescribeAlarms on (one per account/region). */
  cloudwatch: CloudWatchClient[];
}

/** What every deployment record read from a target is stamped with. */
export interface TargetPollContext {
  service: string;
  environment: string;
  region: string;
}

export interface TargetPollState {
  /** The service's records so far, newest first (Lambda and ECS compare against them). */
  known: readonly Deployment[];
  now: number;
  /** CodeDeploy: only deployments created since then. */
  since?: number;
}

export interface TargetPoll {
  deployments: Deployment[];
  stages?: PipelineStage[];
}

/** A deploy target kind (CodeDeploy, CodePipeline, Lambda alias, ECS service): read it, and roll it back. */
export interface DeployTargetSide<K extends RollbackTargetKind = RollbackTargetKind> {
  poll(
    clients: DeployClients,
    target: TargetOf<K>,
    context: TargetPollContext,
    state: TargetPollState
  ): Promise<TargetPoll>;
  /** Its `kind` is this side's kind (the adapter classes say so: `implements RollbackAdapter<'ecs'>`). */
  rollback(clients: DeployClients): RollbackAdapter;
}

/**
 * Method syntax on purpose: a descriptor typed with its own client (`Upstream<PagerDutyClient>`) still fits the
 * registry's `Upstream[]`, because method parameters are compared both ways.
 */
export interface Upstream<Client = unknown> {
  /** The alert source, deploy target kind or source kind it is known by: `pagerduty`, `ecs`, `demo`… */
  readonly id: string;
  /** Answers queries (service metrics, cost, infrastructure…) when the settings configure it. */
  source?(settings: SourceSettings, services: CatalogService[]): Source | undefined;
  /** POST /webhooks/<id>: how a delivery is authenticated and parsed. */
  webhook?(config: WebhookConfig, seams: WebhookSeams): WebhookIngest;
  /** The client the alert side acts and polls through; undefined when its settings are absent. */
  connect?(context: ConnectContext): Client | undefined;
  /** Who applies acknowledge, resolve… to its alerts; also when not connected, to say why an action cannot be done. */
  actions?(client: Client | undefined, acks: HeldAcks): IncidentProvider;
  /** Safety net for missed webhooks, run on the incident poll interval while connected; answers how many it stored. */
  poll?(client: Client, deps: PollerDeps): () => Promise<number>;
  deployTarget?: AnyDeployTargetSide;
}

/** One of the kinds' sides (a union: each kind's adapter takes only its own target). */
export type AnyDeployTargetSide = { [K in RollbackTargetKind]: DeployTargetSide<K> }[RollbackTargetKind];
