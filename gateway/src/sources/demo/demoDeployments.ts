/**
 * The demo fleet's deployments as stored records: the same deploys (ids, times, versions) the demo timeline and
 * metrics already use (deploys.ts), with the details a real pipeline reports — commit, author, CI link, previous
 * version — and the outcomes real fleets have: a few rollouts fail, a few are rolled back a little later.
 */
import type { CatalogService, Deployment, PipelineStage, TimeRangeMs } from '@opsdeck/contract';
import { deploysOverlapping, lastDeployBefore, type DemoDeploy } from './deploys';
import { randomStream } from './random';

const MIN = 60_000;
/** Share of rollouts that fail outright (the platform keeps the old version). */
const FAILED_SHARE = 0.07;
/** Share of finished rollouts rolled back by the on-call engineer some minutes later. */
const ROLLED_BACK_SHARE = 0.08;
const ACTORS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'] as const;

export function demoDeploymentId(deploy: Pick<DemoDeploy, 'id'>): string {
  return `demo:${deploy.id}`;
}

function hex(next: () => number, length: number): string {
  let out = '';
  while (out.length < length)
    out += Math.floor(next() * 0x10000)
      .toString(16)
      .padStart(4, '0');
  return out.slice(0, length);
}

interface Outcome {
  status: Deployment['status'];
  /** Only for rolled-back deploys: when the rollback started and how long it took. */
  rollbackAfterMs?: number;
  rollbackDurationMs?: number;
}

function outcomeOf(seed: number, deploy: DemoDeploy): Outcome {
  const next = randomStream(seed, 'deploy-outcome', deploy.id);
  const draw = next();
  if (draw < FAILED_SHARE) return { status: 'failed' };
  if (draw < FAILED_SHARE + ROLLED_BACK_SHARE) {
    return {
      status: 'rolled_back',
      rollbackAfterMs: (8 + Math.floor(next() * 30)) * MIN,
      rollbackDurationMs: (2 + Math.floor(next() * 4)) * MIN,
    };
  }
  return { status: 'succeeded' };
}

function toRecord(
  seed: number,
  service: CatalogService,
  deploy: DemoDeploy,
  previous: string | undefined,
  now: number
) {
  const next = randomStream(seed, 'deploy-details', deploy.id);
  const commitLead = (15 + Math.floor(next() * 6 * 60)) * MIN;
  const build = 1000 + (Math.floor(deploy.start / MIN) % 90_000);
  const base: Deployment = {
    id: demoDeploymentId(deploy),
    service: service.name,
    environment: 'production',
    version: deploy.version,
    status: 'in_progress',
    source: 'demo',
    commit: hex(next, 40),
    commitTime: deploy.start - commitLead,
    url: `https://ci.example.com/${service.name}/builds/${build}`,
    actor: ACTORS[Math.floor(next() * ACTORS.length)],
    startedAt: deploy.start,
    previousVersion: previous,
  };
  const records: Deployment[] = [];
  if (now < deploy.end) {
    const percent = Math.round((100 * (now - deploy.start)) / (deploy.end - deploy.start));
    records.push({ ...base, progress: { percent, detail: `${percent}% of tasks on ${deploy.version}` } });
    return records;
  }
  const outcome = outcomeOf(seed, deploy);
  records.push({ ...base, status: outcome.status, finishedAt: deploy.end });
  if (outcome.status === 'rolled_back' && previous) {
    const start = deploy.end + outcome.rollbackAfterMs!;
    if (start <= now) {
      const end = start + outcome.rollbackDurationMs!;
      records.push({
        id: `${base.id}:rollback`,
        service: service.name,
        environment: 'production',
        version: previous,
        status: now < end ? 'in_progress' : 'succeeded',
        source: 'demo',
        actor: base.actor,
        startedAt: start,
        finishedAt: now < end ? undefined : end,
        previousVersion: deploy.version,
        rollbackOf: base.id,
      });
    }
  }
  return records;
}

/** Every demo deployment record of the service overlapping the range, as of `now` (later deploys do not exist yet). */
export function demoDeployments(seed: number, service: CatalogService, range: TimeRangeMs, now: number): Deployment[] {
  const deploys = deploysOverlapping(seed, service.name, { from: range.from, to: Math.min(range.to, now) }).filter(
    (d) => d.start <= now
  );
  let previous = deploys.length > 0 ? lastDeployBefore(seed, service.name, deploys[0]!.start - 1)?.version : undefined;
  const records: Deployment[] = [];
  for (const deploy of deploys) {
    records.push(...toRecord(seed, service, deploy, previous, now));
    // A failed rollout never replaced the running version; the next deploy replaces the one before it.
    if (outcomeOf(seed, deploy).status === 'succeeded' || now < deploy.end) previous = deploy.version;
  }
  return records;
}

const STAGES = ['Source', 'Build', 'Deploy', 'Verify'] as const;

/** The service's pipeline as its latest deploy left it: every stage done, or the deploy stage in flight or failed. */
export function demoPipelineStages(latest: Deployment | undefined): PipelineStage[] {
  if (!latest) return STAGES.map((name) => ({ name, status: 'Succeeded' }));
  const execution = latest.id.replace(/^demo:/, '');
  const at = latest.finishedAt ?? latest.startedAt;
  return STAGES.map((name, index): PipelineStage => {
    const deployIndex = 2;
    let status = 'Succeeded';
    let summary = `${latest.version} ${name.toLowerCase()} done`;
    if (latest.status === 'in_progress' || latest.status === 'started') {
      status = index < deployIndex ? 'Succeeded' : index === deployIndex ? 'InProgress' : 'NotStarted';
      summary = index === deployIndex ? (latest.progress?.detail ?? 'rolling out') : summary;
    } else if (latest.status === 'failed') {
      status = index < deployIndex ? 'Succeeded' : index === deployIndex ? 'Failed' : 'NotStarted';
      summary = index === deployIndex ? `${latest.version} failed its health checks` : summary;
    }
    return { name, status, executionId: execution, updatedAt: at, summary };
  });
}
