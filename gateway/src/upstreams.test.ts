import { ALERT_SOURCES, type RollbackTargetKind } from '@opsdeck/contract';
import { BURN_ALERT_SOURCE } from './slo/burnAlerts/burnAlertChanges';
import { createDeployClients, destroyDeployClients } from './sources/aws/deployClients';
import { isRollbackTargetKind } from './upstream/deployTarget';
import { alertUpstreams, deployTargetSide, rollbackAdapters, UPSTREAMS } from './upstreams';

const KINDS: RollbackTargetKind[] = ['codedeploy', 'codepipeline', 'lambda', 'ecs'];

describe('the upstream registry', () => {
  it('names each upstream once', () => {
    const ids = UPSTREAMS.map((u) => u.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has a webhook and an action provider for every alert source outside Opsdeck', () => {
    const bySource = new Map(alertUpstreams().map((u) => [u.id, u]));
    // Opsdeck's own alerts (burn-rate rules) arrive through no webhook and are acted on by Opsdeck alone.
    expect(bySource.has(BURN_ALERT_SOURCE)).toBe(false);
    for (const source of ALERT_SOURCES.filter((s) => s !== BURN_ALERT_SOURCE)) {
      expect(bySource.get(source)?.webhook).toBeDefined();
      expect(bySource.get(source)?.actions).toBeDefined();
    }
  });

  it('reads and rolls back every deploy target kind, each adapter under its own kind', () => {
    expect(KINDS.every(isRollbackTargetKind)).toBe(true);
    const clients = createDeployClients({ region: 'eu-west-1' });
    try {
      const adapters = rollbackAdapters(clients);
      for (const kind of KINDS) {
        expect(deployTargetSide(kind).poll).toBeInstanceOf(Function);
        expect(adapters[kind]?.kind).toBe(kind);
      }
      expect(Object.keys(adapters).sort()).toEqual([...KINDS].sort());
    } finally {
      destroyDeployClients(clients);
    }
  });

  it('puts the demo fleet after every source that answers queries', () => {
    const sourcing = UPSTREAMS.filter((u) => u.source).map((u) => u.id);
    expect(sourcing.at(-1)).toBe('demo');
  });
});
