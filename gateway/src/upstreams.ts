/**
 * Every upstream the gateway knows, once. A new upstream is its folder under sources/ with an `upstream.ts`
 * descriptor (upstream/descriptor.ts) and one line here; the webhook routes, action providers, pollers, deploy
 * polling, rollback and the query sources all read this list.
 */
import { ALERT_SOURCES, type AlertSource, type RollbackTargetKind } from '@opsdeck/contract';
import { alertmanager } from './sources/alertmanager/upstream';
import { cloudwatch } from './sources/cloudwatch/upstream';
import { codedeploy } from './sources/codedeploy/upstream';
import { codepipeline } from './sources/codepipeline/upstream';
import { demo } from './sources/demo/upstream';
import { ecs } from './sources/ecs/upstream';
import { grafana } from './sources/grafana/upstream';
import { jsm } from './sources/jsm/upstream';
import { lambda } from './sources/lambda/upstream';
import { opsgenie } from './sources/opsgenie/upstream';
import { pagerduty } from './sources/pagerduty/upstream';
import { sns } from './sources/sns/upstream';
import type { DeployClients } from './sources/aws/deployClients';
import type { DeployTargetSide, Upstream } from './upstream/descriptor';
import type { RollbackAdapter } from './upstream/rollbackAdapter';

// Order counts twice: pollers run in this order, and the demo fleet comes after every real source.
export const UPSTREAMS: readonly Upstream[] = [
  pagerduty,
  opsgenie,
  jsm,
  alertmanager,
  grafana,
  sns,
  cloudwatch,
  codedeploy,
  codepipeline,
  lambda,
  ecs,
  demo,
];

/** The upstreams whose alerts Opsdeck tracks (contract's ALERT_SOURCES): webhooks and action providers. */
export function alertUpstreams(): Array<Upstream & { id: AlertSource }> {
  return UPSTREAMS.filter((u): u is Upstream & { id: AlertSource } =>
    (ALERT_SOURCES as readonly string[]).includes(u.id)
  );
}

/** The AWS rollback adapters over one set of SDK clients, by deploy target kind. */
export function rollbackAdapters(clients: DeployClients): Partial<Record<RollbackTargetKind, RollbackAdapter>> {
  const adapters: Partial<Record<RollbackTargetKind, RollbackAdapter>> = {};
  for (const upstream of UPSTREAMS) {
    const adapter = upstream.deployTarget?.rollback(clients);
    if (adapter) adapters[adapter.kind] = adapter;
  }
  return adapters;
}

/** The descriptor of a deploy target kind; every RollbackTargetKind has one. */
export function deployTargetSide<K extends RollbackTargetKind>(kind: K): DeployTargetSide<K> {
  const side = UPSTREAMS.find((u) => u.id === kind)?.deployTarget;
  if (!side) throw new Error(`no upstream for deploy target kind ${kind}`);
  return side as unknown as DeployTargetSide<K>;
}
