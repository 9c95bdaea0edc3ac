/** Stored deployments as annotation events: rollbacks and failed or rolled-back deploys are marked in title and tags. */
import type { CatalogService, Deployment, TimelineEvent } from '@opsdeck/contract';

export function deploymentEvent(d: Deployment, service: CatalogService | undefined): TimelineEvent {
  const team = service?.team;
  const base = ['deployment', d.service, ...(team ? [team] : []), d.environment];
  const who = d.actor ? ` by ${d.actor}` : '';
  const commit = d.commit ? ` (commit ${d.commit.slice(0, 12)})` : '';
  const end = d.finishedAt ?? d.startedAt;
  if (d.rollbackOf) {
    return {
      time: d.startedAt,
      timeEnd: end,
      kind: 'deployment',
      service: d.service,
      title: `Rolled back ${d.service} to ${d.version}`,
      text: `Rollback from ${d.previousVersion ?? 'the previous version'} to ${d.version}${who}: ${d.status.replace('_', ' ')}.`,
      tags: [...base, 'rollback', d.status],
    };
  }
  const verb: Record<Deployment['status'], string> = {
    started: 'Deploying',
    in_progress: 'Deploying',
    succeeded: 'Deployed',
    failed: 'Failed deploy of',
    rolled_back: 'Rolled-back deploy of',
  };
  return {
    time: d.startedAt,
    timeEnd: end,
    kind: 'deployment',
    service: d.service,
    title: `${verb[d.status]} ${d.service} ${d.version}`,
    text: `${d.service} ${d.version} to ${d.environment}${who}${commit}: ${d.status.replace('_', ' ')}.`,
    tags: [...base, d.status, ...(d.status === 'rolled_back' ? ['rolled-back'] : [])],
  };
}
