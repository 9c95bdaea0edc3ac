import { applyDeploymentEvent, ciEventKey, DeploymentInputError, parseDeploymentEvent } from './ciEvents';
import { parseDeployTarget } from '../upstream/deployTarget';

const known = new Set(['checkout-api']);
const T0 = Date.parse('2026-11-27T10:00:00Z');

describe('parseDeploymentEvent', () => {
  test('accepts a CI event, defaulting the environment and reading ISO times', () => {
    expect(
      parseDeploymentEvent(
        {
          service: 'checkout-api',
          version: '1.4.2',
          status: 'started',
          commitTime: '2026-11-27T09:00:00Z',
          url: 'https://ci.example.com/run/9',
        },
        known
      )
    ).toEqual({
      service: 'checkout-api',
      version: '1.4.2',
      environment: 'production',
      status: 'started',
      commit: undefined,
      commitTime: T0 - 3_600_000,
      url: 'https://ci.example.com/run/9',
      actor: undefined,
      time: undefined,
    });
  });

  test.each([
    [null, 'body'],
    [{ version: '1', status: 'started' }, 'service'],
    [{ service: 'nope', version: '1', status: 'started' }, 'service'],
    [{ service: 'checkout-api', status: 'started' }, 'version'],
    [{ service: 'checkout-api', version: '1', status: 'done' }, 'status'],
    [{ service: 'checkout-api', version: '1', status: 'started', commitTime: 'yesterday' }, 'commitTime'],
    [{ service: 'checkout-api', version: '1', status: 'started', url: 'javascript:alert(1)' }, 'url'],
  ])('rejects %j naming the field', (body, field) => {
    expect(() => parseDeploymentEvent(body, known)).toThrow(DeploymentInputError);
    try {
      parseDeploymentEvent(body, known);
    } catch (err) {
      expect((err as DeploymentInputError).field).toBe(field);
    }
  });
});

describe('applyDeploymentEvent', () => {
  const started = parseDeploymentEvent(
    { service: 'checkout-api', version: '1.4.2', status: 'started', actor: 'alice', time: T0 },
    known
  );
  const succeeded = parseDeploymentEvent(
    { service: 'checkout-api', version: '1.4.2', status: 'succeeded', time: T0 + 300_000 },
    known
  );

  test('started then succeeded makes one record with both times, keeping earlier fields', () => {
    const open = applyDeploymentEvent(undefined, started, T0 + 5);
    const closed = applyDeploymentEvent(open, succeeded, T0 + 300_005);
    expect(closed).toEqual({ ...open, status: 'succeeded', finishedAt: T0 + 300_000 });
    expect(closed).toMatchObject({ id: 'ci:checkout-api:production:1.4.2', actor: 'alice', startedAt: T0 });
  });

  test('replaying an event changes nothing, and a late "started" does not reopen a finished deploy', () => {
    const closed = applyDeploymentEvent(applyDeploymentEvent(undefined, started, T0), succeeded, T0);
    expect(applyDeploymentEvent(closed, succeeded, T0 + 999)).toEqual(closed);
    expect(applyDeploymentEvent(closed, started, T0 + 999)).toEqual(closed);
    expect(ciEventKey(started)).not.toBe(ciEventKey(succeeded));
  });
});

describe('parseDeployTarget', () => {
  test.each([
    [
      { kind: 'codedeploy', name: 'checkout-api/production' },
      { application: 'checkout-api', deploymentGroup: 'production' },
    ],
    [{ kind: 'codepipeline', name: 'search-api-pipeline' }, { pipeline: 'search-api-pipeline' }],
    [
      { kind: 'codepipeline', name: 'search-api-pipeline/Deploy' },
      { pipeline: 'search-api-pipeline', stage: 'Deploy' },
    ],
    [
      { kind: 'lambda', name: 'payments-settle:live' },
      { functionName: 'payments-settle', alias: 'live' },
    ],
    [
      { kind: 'ecs', name: 'catalog-cluster/inventory-api' },
      { cluster: 'catalog-cluster', service: 'inventory-api' },
    ],
  ] as const)('%j', (target, expected) => {
    expect(parseDeployTarget(target)).toMatchObject(expected);
  });

  test('none, a missing name, or a malformed one', () => {
    expect(parseDeployTarget({ kind: 'none' })).toBeNull();
    expect(parseDeployTarget({ kind: 'lambda' })).toBeNull();
    expect(() => parseDeployTarget({ kind: 'ecs', name: 'just-a-service' })).toThrow(/cluster\/service/);
  });
});
