// The deployment settings are registered like every other: read from OPSDECK_* variables, bad values named.
import { loadConfig } from '../../src/config';

const cwd = '/tmp';

describe('deployment settings', () => {
  it('default to polling every minute, no ingest token, rollbacks for Editors', () => {
    expect(loadConfig({}, cwd).deployments).toEqual({
      pollIntervalMs: 60_000,
      rollbackAdminOnly: false,
      endpoints: {},
      ingestToken: undefined,
      rollbackIamActions: undefined,
    });
  });

  it('read the ingest token, poll interval, Admin-only switch, granted actions and deploy endpoints', () => {
    const config = loadConfig(
      {
        OPSDECK_INGEST_TOKEN: 'ci-token-0123456789abcdef',
        OPSDECK_DEPLOY_POLL_SECONDS: '30',
        OPSDECK_ROLLBACK_ADMIN_ONLY: 'true',
        OPSDECK_ROLLBACK_IAM_ACTIONS: 'lambda:UpdateAlias, ecs:UpdateService',
        OPSDECK_AWS_ENDPOINT_CODEDEPLOY: 'http://127.0.0.1:4001',
        OPSDECK_AWS_ENDPOINT_ECS: 'http://127.0.0.1:4002',
      },
      cwd
    );
    expect(config.deployments).toEqual({
      ingestToken: 'ci-token-0123456789abcdef',
      pollIntervalMs: 30_000,
      rollbackAdminOnly: true,
      rollbackIamActions: ['lambda:UpdateAlias', 'ecs:UpdateService'],
      endpoints: { codedeploy: 'http://127.0.0.1:4001', ecs: 'http://127.0.0.1:4002' },
    });
  });

  it('name the variable at fault and never echo the ingest token', () => {
    expect(() => loadConfig({ OPSDECK_DEPLOY_POLL_SECONDS: '2' }, cwd)).toThrow(/OPSDECK_DEPLOY_POLL_SECONDS/);
    expect(() => loadConfig({ OPSDECK_ROLLBACK_ADMIN_ONLY: 'yes' }, cwd)).toThrow(/OPSDECK_ROLLBACK_ADMIN_ONLY/);
    expect(() => loadConfig({ OPSDECK_INGEST_TOKEN: 'short secret' }, cwd)).toThrow(/OPSDECK_INGEST_TOKEN/);
    expect(() => loadConfig({ OPSDECK_INGEST_TOKEN: 'short secret' }, cwd)).not.toThrow(/short secret/);
  });
});
