/** CDK context → settings: defaults, `-c` strings, and one-line errors naming the key. */
import { readConfig, type InfraConfig } from '../lib/config';
import { gatewayAwsAccounts } from '../lib/catalog';
import { loadCatalog } from '../../gateway/src/catalog';
import path from 'node:path';
import { HOME } from './support';

const read = (context: Record<string, unknown>, env: Record<string, string> = {}): InfraConfig =>
  readConfig((key) => context[key], Object.keys(context), env);

describe('readConfig', () => {
  it('takes the account and region from context, else from the CLI’s CDK_DEFAULT_* variables', () => {
    expect(read({ account: '111111111111', region: 'eu-west-1' })).toMatchObject({
      account: '111111111111',
      region: 'eu-west-1',
    });
    expect(read({}, { CDK_DEFAULT_ACCOUNT: '222222222222', CDK_DEFAULT_REGION: 'us-east-1' })).toMatchObject({
      account: '222222222222',
      region: 'us-east-1',
    });
    expect(() => read({ region: 'eu-west-1' })).toThrow(
      'CDK context account: required: the account the gateway runs in (-c account=123456789012)'
    );
    expect(() => read({ account: '1234', region: 'eu-west-1' })).toThrow(
      'CDK context account: expected a 12-digit AWS account id'
    );
    expect(() => read({ account: '111111111111', region: 'Ireland' })).toThrow(
      /CDK context region: expected an AWS region/
    );
  });

  it('has defaults for everything else', () => {
    expect(read({ ...HOME })).toMatchObject({
      desiredCount: 2,
      maxCount: 6,
      cpu: 512,
      memoryMiB: 1024,
      natGateways: 2,
      vpcCidr: '10.40.0.0/16',
      logRetentionDays: 30,
      apiThrottle: { rateLimit: 100, burstLimit: 200 },
      database: { minCapacity: 0.5, maxCapacity: 4, readers: 1, engineVersion: '17.4', deletionProtection: true },
      cache: { nodeType: 'cache.t4g.small', replicas: 1, engineVersion: '8.0' },
      integrations: [],
      rollback: false,
      alarmSubscriptions: {
        critical: { emails: [], sms: [] },
        warning: { emails: [], sms: [] },
        info: { emails: [], sms: [] },
      },
    });
  });

  it('reads -c strings: numbers, booleans, lists and JSON objects', () => {
    const config = read({
      ...HOME,
      desiredCount: '4',
      rollback: 'true',
      integrations: 'pagerduty, jsm',
      database: '{"readers": 0, "maxCapacity": 8}',
      environment: '{"OPSDECK_ALERTMANAGER_URL": "http://alertmanager.internal:9093"}',
      gatewayUrl: 'https://opsdeck.example.com/',
    });
    expect(config).toMatchObject({
      desiredCount: 4,
      maxCount: 6,
      rollback: true,
      integrations: ['pagerduty', 'jsm'],
      database: { readers: 0, maxCapacity: 8 },
      environment: { OPSDECK_ALERTMANAGER_URL: 'http://alertmanager.internal:9093' },
      gatewayUrl: 'https://opsdeck.example.com',
    });
  });

  it.each([
    [{ desiredCount: 1 }, 'CDK context desiredCount: expected at least 2'],
    [{ cpu: 300 }, 'CDK context cpu: expected one of 256, 512, 1024, 2048, 4096 CPU units'],
    [
      { cpu: 256, memoryMiB: 4096 },
      'CDK context memoryMiB: with 256 CPU units Fargate takes 512 to 2048 MiB in steps of 1024',
    ],
    [
      { integrations: ['slack'] },
      'CDK context integrations: unknown integration "slack"; expected pagerduty, opsgenie, jsm',
    ],
    [{ environment: { OPSDECK_DATABASE: 'x' } }, 'CDK context environment.OPSDECK_DATABASE: set by the stacks'],
    [{ environment: { PATH: '/bin' } }, 'CDK context environment.PATH: expected a gateway setting name'],
    [{ gatewayUrl: 'http://opsdeck.example.com' }, 'CDK context gatewayUrl: expected an https:// URL'],
    [{ vpcCidr: '10.0.0.0/24' }, 'CDK context vpcCidr: expected an IPv4 CIDR block from /16 to /20'],
    [{ database: { readerz: 1 } }, 'CDK context database.readerz: unknown key'],
    [{ availabilityZones: ['eu-west-1a'] }, 'CDK context availabilityZones: expected at least two zones'],
    [{ rollback: 'yes' }, 'CDK context rollback: expected true or false'],
    [
      { alarmOverrides: { 'x-latency': { severity: 'page' } } },
      'CDK context alarmOverrides.x-latency.severity: expected critical, warning, info',
    ],
    [{ desiredCoun: 3 }, 'CDK context desiredCoun: unknown key'],
  ])('refuses %j', (context, message) => {
    expect(() => read({ ...HOME, ...context })).toThrow(message);
  });

  it('passes over the context keys CDK sets itself', () => {
    expect(() =>
      read({ ...HOME, '@aws-cdk/core:defaultCrossStackReferences': 'strong', 'aws:cdk:enable-path-metadata': true })
    ).not.toThrow();
  });
});

describe('OPSDECK_AWS_ACCOUNTS from the catalog', () => {
  it('lists the gateway’s account first with its region first, then every other account through its read role', () => {
    const services = loadCatalog(path.join(__dirname, 'fixtures/catalog.yaml')).services;
    const roleArn = (account: string) => `arn:aws:iam::${account}:role/opsdeck-read`;
    expect(gatewayAwsAccounts(services, { account: '111111111111', region: 'us-east-1' }, roleArn, 'ext')).toEqual([
      // reports has no account or region: it is read where the gateway runs.
      { id: '111111111111', regions: ['us-east-1', 'eu-west-1'] },
      {
        id: '444444444444',
        regions: ['eu-central-1'],
        roleArn: 'arn:aws:iam::444444444444:role/opsdeck-read',
        externalId: 'ext',
      },
    ]);
  });
});
