/**
 * Deploy events posted by CI systems (POST /api/deployments). One record per (service, environment, version): a
 * "started" event opens it and a later "succeeded" closes it; replaying the same event changes nothing.
 */
import type { Deployment, DeploymentEventInput } from '@opsdeck/contract';
import { epochMsFrom } from '../time/epoch';
import { toEpochMs } from '../upstream/parse/epochMs';

export class DeploymentInputError extends Error {
  override readonly name = 'DeploymentInputError';
  constructor(
    message: string,
    readonly field: string
  ) {
    super(message);
  }
}

const STATUSES = ['started', 'succeeded', 'failed', 'rolled_back'] as const;
const DEFAULT_ENVIRONMENT = 'production';
const MAX_TEXT = 512;
const IDENTITY_FIELDS = new Set(['service', 'environment', 'version']);

function text(body: Record<string, unknown>, field: string, required: boolean): string | undefined {
  const value = body[field];
  if (value === undefined || value === null || value === '') {
    if (required) throw new DeploymentInputError(`"${field}" is required`, field);
    return undefined;
  }
  if (typeof value !== 'string') throw new DeploymentInputError(`"${field}" must be a string`, field);
  // Service, environment and version make the deployment's id; a control character there is never a real name
  // (free text such as the actor is stored, NUL as U+FFFD like everywhere else).
  if (IDENTITY_FIELDS.has(field) && /[\u0000-\u001f\u007f]/.test(value)) {
    throw new DeploymentInputError(`"${field}" must not contain control characters`, field);
  }
  if (value.length > MAX_TEXT)
    throw new DeploymentInputError(`"${field}" is longer than ${MAX_TEXT} characters`, field);
  return value;
}

/** ISO 8601 text or whole epoch ms between 1970 and 2100: a year-275760 commit would be a valid Date, not a deploy. */
function time(body: Record<string, unknown>, field: string): number | undefined {
  const value = body[field];
  if (value === undefined || value === null || value === '') return undefined;
  const ms = typeof value === 'string' || typeof value === 'number' ? epochMsFrom(value) : undefined;
  if (ms === undefined) {
    throw new DeploymentInputError(
      `"${field}" must be ISO 8601 text or whole epoch milliseconds, between 1970-01-01 and 2100-01-01`,
      field
    );
  }
  return ms;
}

/** Validates an untrusted JSON body; `knownServices` guards against typos creating phantom services. */
export function parseDeploymentEvent(body: unknown, knownServices: ReadonlySet<string>): DeploymentEventInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new DeploymentInputError('body must be a JSON object', 'body');
  }
  const record = body as Record<string, unknown>;
  const service = text(record, 'service', true)!;
  if (!knownServices.has(service)) throw new DeploymentInputError(`unknown service "${service}"`, 'service');
  const status = record.status;
  if (!STATUSES.includes(status as (typeof STATUSES)[number])) {
    throw new DeploymentInputError(`"status" must be one of ${STATUSES.join(', ')}`, 'status');
  }
  const url = text(record, 'url', false);
  if (url !== undefined && !/^https?:\/\//.test(url))
    throw new DeploymentInputError('"url" must be an http(s) URL', 'url');
  return {
    service,
    version: text(record, 'version', true)!,
    environment: text(record, 'environment', false) ?? DEFAULT_ENVIRONMENT,
    status: status as DeploymentEventInput['status'],
    commit: text(record, 'commit', false),
    commitTime: time(record, 'commitTime'),
    url,
    actor: text(record, 'actor', false),
    time: time(record, 'time'),
  };
}

export function ciDeploymentId(event: Pick<DeploymentEventInput, 'service' | 'environment' | 'version'>): string {
  return `ci:${event.service}:${event.environment ?? DEFAULT_ENVIRONMENT}:${event.version}`;
}

/** The key that makes ingest idempotent: the same event posted twice is stored once. */
export function ciEventKey(event: DeploymentEventInput): string {
  return `${ciDeploymentId(event)}:${event.status}`;
}

/**
 * Folds one event into the record it belongs to. A late "started" never reopens a finished deployment, and fields
 * the event leaves out keep their earlier values.
 */
export function applyDeploymentEvent(
  existing: Deployment | undefined,
  event: DeploymentEventInput,
  receivedAt: number
): Deployment {
  const at = toEpochMs(event.time) ?? receivedAt;
  const base: Deployment = existing ?? {
    id: ciDeploymentId(event),
    service: event.service,
    environment: event.environment ?? DEFAULT_ENVIRONMENT,
    version: event.version,
    status: 'started',
    source: 'ci',
    startedAt: at,
  };
  const merged: Deployment = {
    ...base,
    commit: event.commit ?? base.commit,
    commitTime: toEpochMs(event.commitTime) ?? base.commitTime,
    url: event.url ?? base.url,
    actor: event.actor ?? base.actor,
  };
  if (event.status === 'started') {
    return existing ? merged : { ...merged, startedAt: at };
  }
  return { ...merged, status: event.status, finishedAt: Math.max(at, merged.startedAt) };
}
