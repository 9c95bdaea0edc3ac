import { type CatalogService, type TimelineEvent } from '@opsdeck/contract';
import { type DemoDeploy } from './deploys';
import { type DemoIncident } from './incidents';

/** Demo incidents and deploys in the words an on-call engineer would see them. */
export function incidentEvent(incident: DemoIncident, service: CatalogService): TimelineEvent {
  const name = service.displayName ?? service.name;
  const minutes = Math.round((incident.end - incident.start) / 60_000);
  return {
    time: incident.start,
    timeEnd: incident.end,
    kind: 'incident',
    service: service.name,
    title: `${incident.id}: ${name} ${incident.severity === 'down' ? 'down' : 'degraded'}`,
    text: `${incident.cause}. Error rate up to ${(incident.errorRate * 100).toFixed(1)}% for ${minutes} min.`,
    tags: ['incident', incident.severity, service.name, service.team],
  };
}

export function deployEvent(deploy: DemoDeploy, service: CatalogService): TimelineEvent {
  const target = service.deployTarget;
  const via = target && target.kind !== 'none' ? ` via ${target.kind}${target.name ? ` (${target.name})` : ''}` : '';
  return {
    time: deploy.start,
    timeEnd: deploy.end,
    kind: 'deployment',
    service: service.name,
    title: `Deployed ${service.name} ${deploy.version}`,
    text: `${service.displayName ?? service.name} ${deploy.version} rolled out${via}.`,
    tags: ['deployment', service.name, service.team],
  };
}
