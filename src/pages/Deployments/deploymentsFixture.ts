/** Builders of gateway answers for the Deployments page's unit tests. */
import { type EventSourceFactory, type EventSourceLike } from '@/api';
import { type Deployment, type OpsdeckEvent, type RollbackAttempt, type RollbackPreview } from '@opsdeck/contract';

export const BASE = '/api/datasources/proxy/uid/opsdeck';
export const NOW = Date.UTC(2025, 0, 1, 12);

export function deployment(overrides: Partial<Deployment> = {}): Deployment {
  return {
    id: 'demo:checkout-api:v42',
    service: 'checkout-api',
    environment: 'production',
    version: 'v42',
    previousVersion: 'v41',
    status: 'succeeded',
    source: 'demo',
    actor: 'alice',
    startedAt: NOW - 3600_000,
    finishedAt: NOW - 3600_000 + 125_000,
    ...overrides,
  };
}

export function preview(overrides: Partial<RollbackPreview> = {}): RollbackPreview {
  return {
    service: 'checkout-api',
    targetKind: 'codedeploy',
    targetName: 'checkout-api/production',
    from: { version: 'v42', detail: 'deployment d-42' },
    to: { version: 'v41', detail: 'revision of d-41' },
    action: {
      operation: 'CreateDeployment',
      iamAction: 'codedeploy:CreateDeployment',
      parameters: { applicationName: 'checkout-api', deploymentGroupName: 'production' },
    },
    missingPermissions: [],
    computedAt: NOW,
    ...overrides,
  };
}

export function attempt(overrides: Partial<RollbackAttempt> = {}): RollbackAttempt {
  return {
    id: 'attempt-1',
    service: 'checkout-api',
    deploymentId: 'demo:checkout-api:v42',
    user: 'erin',
    reason: 'errors after v42',
    preview: preview(),
    outcome: 'in_progress',
    message: 'CreateDeployment accepted',
    upstreamId: 'd-43',
    requestedAt: NOW,
    ...overrides,
  };
}

/** An EventSource stand-in: `emit` delivers a gateway event to whoever listens for its type. */
export function fakeEventSource(): EventSourceFactory & { emit(event: OpsdeckEvent): void; opened: string[] } {
  const listeners = new Map<string, Array<(event: MessageEvent<string>) => void>>();
  const opened: string[] = [];
  const factory = ((url: string): EventSourceLike => {
    opened.push(url);
    return {
      readyState: 1,
      onerror: null,
      addEventListener: (type, listener) => listeners.set(type, [...(listeners.get(type) ?? []), listener]),
      close: () => listeners.clear(),
    };
  }) as EventSourceFactory & { emit(event: OpsdeckEvent): void; opened: string[] };
  factory.opened = opened;
  factory.emit = (event) => {
    for (const listener of listeners.get(event.type) ?? []) {
      listener(new MessageEvent(event.type, { data: JSON.stringify(event), lastEventId: String(event.id) }));
    }
  };
  return factory;
}
