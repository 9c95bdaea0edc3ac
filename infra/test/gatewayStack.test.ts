/** Opsdeck-Gateway: replicas, database, cache, secrets, the HTTPS endpoint and logs, from the demo catalog. */
import fs from 'node:fs';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { SETTINGS } from '../../gateway/src/config/settings';
import { buildOpsdeck } from '../lib/app';
import { ConfigError } from '../lib/config';
import { BASE_CONTEXT, buildApp, configOf, containerEnv, containerSecrets } from './support';

const { stacks } = buildApp(BASE_CONTEXT, { awsEvents: false });
const template = Template.fromStack(stacks.gateway);

describe('Opsdeck-Gateway', () => {
  it('runs at least two Fargate tasks in private subnets, behind an internal load balancer', () => {
    template.resourceCountIs('AWS::ECS::Service', 1);
    const [service] = Object.values(template.findResources('AWS::ECS::Service'));
    expect(service.Properties.DesiredCount).toBeGreaterThanOrEqual(2);
    expect(service.Properties.LaunchType).toBe('FARGATE');
    expect(service.Properties.NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp).toBe('DISABLED');
    expect(service.Properties.DeploymentConfiguration).toMatchObject({
      MinimumHealthyPercent: 100,
      DeploymentCircuitBreaker: { Enable: true, Rollback: true },
    });
    const privateSubnets = Object.keys(
      template.findResources('AWS::EC2::Subnet', {
        Properties: { Tags: Match.arrayWith([{ Key: 'aws-cdk:subnet-type', Value: 'Private' }]) },
      })
    );
    expect(privateSubnets).toHaveLength(2);
    expect(service.Properties.NetworkConfiguration.AwsvpcConfiguration.Subnets).toEqual(
      privateSubnets.map((id) => ({ Ref: id }))
    );
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 2, MaxCapacity: 6 });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internal',
      Type: 'application',
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      Port: 8080,
      HealthCheckPath: '/api/health/live',
      TargetType: 'ip',
    });
  });

  it('keeps the desired count at two or more', () => {
    expect(() => configOf({ ...BASE_CONTEXT, desiredCount: 1 })).toThrow(ConfigError);
    const three = Template.fromStack(
      buildApp({ ...BASE_CONTEXT, desiredCount: '3' }, { awsEvents: false }).stacks.gateway
    );
    three.hasResourceProperties('AWS::ECS::Service', { DesiredCount: 3 });
  });

  it('makes Aurora Serverless v2 Postgres and a Valkey replication group, encrypted, in isolated subnets', () => {
    template.hasResourceProperties('AWS::RDS::DBCluster', {
      Engine: 'aurora-postgresql',
      EngineVersion: '17.4',
      StorageEncrypted: true,
      DeletionProtection: true,
      DatabaseName: 'opsdeck',
      ServerlessV2ScalingConfiguration: { MinCapacity: 0.5, MaxCapacity: 4 },
    });
    template.resourceCountIs('AWS::RDS::DBInstance', 2);
    template.allResourcesProperties('AWS::RDS::DBInstance', {
      DBInstanceClass: 'db.serverless',
      Engine: 'aurora-postgresql',
    });
    template.hasResourceProperties('AWS::ElastiCache::ReplicationGroup', {
      Engine: 'valkey',
      NumCacheClusters: 2,
      AutomaticFailoverEnabled: true,
      MultiAZEnabled: true,
      TransitEncryptionEnabled: true,
      AtRestEncryptionEnabled: true,
    });
    const isolated = Object.keys(
      template.findResources('AWS::EC2::Subnet', {
        Properties: { Tags: Match.arrayWith([{ Key: 'aws-cdk:subnet-type', Value: 'Isolated' }]) },
      })
    ).map((id) => ({ Ref: id }));
    template.hasResourceProperties('AWS::RDS::DBSubnetGroup', { SubnetIds: isolated });
    template.hasResourceProperties('AWS::ElastiCache::SubnetGroup', { SubnetIds: isolated });
  });

  it('injects the tokens, database and cache URLs as secrets, and no secret as plain text', () => {
    const secrets = containerSecrets(template);
    expect(Object.keys(secrets).sort()).toEqual(
      [
        'OPSDECK_API_TOKEN',
        'OPSDECK_DATABASE',
        'OPSDECK_INGEST_TOKEN',
        'OPSDECK_REDIS_URL',
        'OPSDECK_WEBHOOK_TOKEN',
      ].sort()
    );
    for (const valueFrom of Object.values(secrets)) {
      const [id] = Object.keys(template.findResources('AWS::SecretsManager::Secret')).filter((key) =>
        JSON.stringify(valueFrom).includes(key)
      );
      expect(id).toBeDefined();
    }
    const env = containerEnv(template);
    for (const name of Object.keys(secrets)) expect(env[name]).toBeUndefined();
    // The URLs take the password and AUTH token by dynamic reference: CloudFormation resolves them, the template never holds them.
    const urls = template.findResources('AWS::SecretsManager::Secret', {
      Properties: { Name: Match.stringLikeRegexp('^opsdeck/(database|redis)-url$') },
    });
    const texts = Object.values(urls).map((r) => JSON.stringify(r.Properties.SecretString));
    expect(texts).toHaveLength(2);
    expect(texts[0]).toMatch(
      /^.*postgres:\/\/opsdeck:\{\{resolve:secretsmanager:.*:SecretString:password::\}\}@.*sslmode=no-verify/
    );
    expect(texts[1]).toMatch(/rediss:\/\/:\{\{resolve:secretsmanager:.*:SecretString:::\}\}@/);
  });

  it('sets only settings the gateway knows, and leaves OPSDECK_REPLICA_ID to each task', () => {
    const known = new Set(SETTINGS.map((s) => s.env));
    const everything = Template.fromStack(
      buildApp({ ...BASE_CONTEXT, integrations: 'pagerduty,opsgenie,jsm', rollback: true }, { awsEvents: true }).stacks
        .gateway
    );
    const names = [...Object.keys(containerEnv(everything)), ...Object.keys(containerSecrets(everything))];
    expect(names).toContain('OPSDECK_AWS_EVENTS_TOKEN');
    expect(names.filter((name) => !known.has(name))).toEqual([]);
    // One task definition gives every task the same environment: a shared replica id would break the leases.
    expect(names).not.toContain('OPSDECK_REPLICA_ID');
  });

  it('tells the gateway every account, region and alert topic of the catalog', () => {
    const env = containerEnv(template);
    expect(JSON.parse(env.OPSDECK_AWS_ACCOUNTS)).toEqual([
      { id: '111111111111', regions: ['eu-west-1'] },
      { id: '222222222222', regions: ['us-east-1'], roleArn: 'arn:aws:iam::222222222222:role/opsdeck-read' },
      {
        id: '333333333333',
        regions: ['eu-west-1', 'us-east-1'],
        roleArn: 'arn:aws:iam::333333333333:role/opsdeck-read',
      },
    ]);
    const topics = env.OPSDECK_SNS_TOPIC_ARNS.split(',');
    expect(topics).toHaveLength(4 * 3);
    for (const stack of stacks.alertRouting) {
      for (const severity of ['critical', 'warning', 'info']) {
        expect(topics).toContain(`arn:aws:sns:${stack.region}:${stack.account}:opsdeck-alerts-${severity}`);
      }
    }
    expect(env.OPSDECK_AWS_COST_TAG).toBe('service');
  });

  it('creates the integrations’ secrets it is told to, or takes existing ones', () => {
    const existing = 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:pd-token-AbCdEf';
    const t = Template.fromStack(
      buildApp(
        {
          ...BASE_CONTEXT,
          integrations: 'pagerduty,opsgenie',
          existingSecrets: JSON.stringify({ OPSDECK_PAGERDUTY_API_TOKEN: existing }),
        },
        { awsEvents: false }
      ).stacks.gateway
    );
    const secrets = containerSecrets(t);
    expect(secrets.OPSDECK_PAGERDUTY_API_TOKEN).toBe(existing);
    for (const name of [
      'OPSDECK_PAGERDUTY_WEBHOOK_SECRET',
      'OPSDECK_OPSGENIE_API_KEY',
      'OPSDECK_OPSGENIE_WEBHOOK_TOKEN',
    ]) {
      expect(secrets[name]).toEqual({ Ref: expect.any(String) });
    }
    expect(secrets.OPSDECK_JSM_API_TOKEN).toBeUndefined();
    t.hasOutput('SecretsToFill', { Value: 'opsdeck/pagerduty-webhook-secret,opsdeck/opsgenie-api-key' });
    expect(() =>
      buildOpsdeck(new App(), configOf({ ...BASE_CONTEXT, existingSecrets: { OPSDECK_JSM_API_TOKEN: existing } }))
    ).toThrow(/existingSecrets.OPSDECK_JSM_API_TOKEN: not a secret this app injects/);
  });

  it('serves /api/* and /webhooks/* through an HTTP API with a VPC link, throttled and logged', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
    template.resourceCountIs('AWS::ApiGatewayV2::VpcLink', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'HTTP_PROXY',
      ConnectionType: 'VPC_LINK',
      IntegrationUri: { Ref: Match.stringLikeRegexp('^AlbHttp') },
    });
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route'))
      .map((r) => r.Properties.RouteKey)
      .sort();
    expect(routes).toEqual(['ANY /api/{proxy+}', 'ANY /webhooks/{proxy+}']);
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
      AccessLogSettings: { Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"') },
    });
    // The load balancer accepts the VPC link's security group.
    const [linkSg] = Object.keys(
      template.findResources('AWS::EC2::SecurityGroup', {
        Properties: { GroupDescription: 'Opsdeck HTTP API VPC link' },
      })
    );
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      FromPort: 80,
      SourceSecurityGroupId: { 'Fn::GetAtt': [linkSg, 'GroupId'] },
    });
    template.hasOutput('SnsWebhookUrl', { Value: 'https://opsdeck.example.com/webhooks/sns' });
  });

  it('logs to CloudWatch Logs with the configured retention', () => {
    template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: '/opsdeck/gateway', RetentionInDays: 30 });
    template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: '/opsdeck/http-api', RetentionInDays: 30 });
    const [task] = Object.values(template.findResources('AWS::ECS::TaskDefinition'));
    expect(task.Properties.ContainerDefinitions[0].LogConfiguration).toMatchObject({
      LogDriver: 'awslogs',
      Options: { 'awslogs-stream-prefix': 'gateway' },
    });
    const ninety = Template.fromStack(
      buildApp({ ...BASE_CONTEXT, logRetentionDays: 90 }, { awsEvents: false }).stacks.gateway
    );
    ninety.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: '/opsdeck/gateway', RetentionInDays: 90 });
    expect(() => configOf({ ...BASE_CONTEXT, logRetentionDays: 31 })).toThrow(/logRetentionDays: expected one of/);
  });

  it('pulls a pushed ECR image, with the pull granted to the execution role', () => {
    const [task] = Object.values(template.findResources('AWS::ECS::TaskDefinition'));
    expect(JSON.stringify(task.Properties.ContainerDefinitions[0].Image)).toContain('opsdeck-gateway:test');
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: Match.arrayWith(['ecr:BatchGetImage']),
            Resource: 'arn:aws:ecr:eu-west-1:111111111111:repository/opsdeck-gateway',
          }),
        ]),
      },
    });
  });

  it('builds the image from the Dockerfile’s gateway target without Docker: synth only stages the context', () => {
    const { gatewayImage: _image, ...context } = BASE_CONTEXT;
    const app = new App({ context });
    const built = buildOpsdeck(app, configOf(context));
    const assembly = app.synth();
    const assets = JSON.parse(
      fs.readFileSync(path.join(assembly.directory, `${built.gateway.artifactId}.assets.json`), 'utf8')
    ) as {
      dockerImages: Record<string, { source: { directory: string; dockerBuildTarget: string; dockerFile: string } }>;
    };
    const images = Object.values(assets.dockerImages);
    expect(images).toHaveLength(1);
    expect(images[0].source).toMatchObject({ dockerBuildTarget: 'gateway', dockerFile: 'Dockerfile' });
    // What the Dockerfile's gateway stages copy is there; the plugin, docs and node_modules are not.
    const staged = path.join(assembly.directory, images[0].source.directory);
    for (const file of [
      'Dockerfile',
      'package-lock.json',
      'gateway/package.json',
      'contract/src/index.ts',
      'provisioning/opsdeck/services.yaml',
      'infra/package.json',
    ]) {
      expect(fs.existsSync(path.join(staged, file))).toBe(true);
    }
    for (const dir of ['node_modules', 'src', 'docs', 'infra/lib', 'gateway/tests'])
      expect(fs.existsSync(path.join(staged, dir))).toBe(false);
    const dockerfile = fs.readFileSync(path.join(staged, 'Dockerfile'), 'utf8');
    for (const [, args] of dockerfile.matchAll(/^COPY (?!--from)(.+)$/gm)) {
      for (const source of args.trim().split(/\s+/).slice(0, -1)) {
        if (source !== '.') expect([source, fs.existsSync(path.join(staged, source))]).toEqual([source, true]);
      }
    }
  });
});
