/**
 * The event forwarder's stacks, with a stand-in for the built handler (a temporary directory): the rules catch
 * exactly what the handler forwards, the Lambda reads them in batches from a queue and gets the gateway's URL and
 * token, and the other accounts and regions send their events on to it.
 */
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AWS_EVENTS_MAX_BATCH } from '@opsdeck/contract';
import { FORWARDED } from '../lambda/aws-events/normalise';
import { AWS_EVENT_PATTERNS } from '../lib/constructs/awsEventsForwarder';
import { BASE_CONTEXT, buildApp, containerSecrets } from './support';

const { stacks } = buildApp(BASE_CONTEXT, { awsEvents: true });
const home = Template.fromStack(stacks.awsEvents!);

describe('the AWS events forwarder', () => {
  it('has rules for exactly the events the handler forwards', () => {
    const patterns = Object.fromEntries(
      AWS_EVENT_PATTERNS.map(({ pattern }) => [pattern.source![0], pattern.detailType])
    );
    expect(patterns).toEqual(FORWARDED);
    const bySource = (a: { source: string[] }, b: { source: string[] }) => a.source[0].localeCompare(b.source[0]);
    const rules = Object.values(home.findResources('AWS::Events::Rule')).map((r) => r.Properties.EventPattern);
    expect(rules.sort(bySource)).toEqual(
      Object.entries(FORWARDED)
        .map(([source, detailTypes]) => ({ source: [source], 'detail-type': detailTypes }))
        .sort(bySource)
    );
    // Every rule puts its events on the queue the function reads.
    const [queue] = Object.keys(
      home.findResources('AWS::SQS::Queue', { Properties: { RedrivePolicy: Match.anyValue() } })
    );
    home.allResourcesProperties('AWS::Events::Rule', {
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [queue, 'Arn'] } })],
    });
  });

  it('runs the handler on Node 24 with the gateway’s URL and token, in batches from the queue', () => {
    home.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Handler: 'index.handler',
      Environment: {
        Variables: {
          OPSDECK_GATEWAY_URL: 'https://opsdeck.example.com',
          OPSDECK_EVENTS_TOKEN: {
            'Fn::Join': [
              '',
              [
                '{{resolve:secretsmanager:',
                { 'Fn::ImportValue': Match.stringLikeRegexp('Secretawseventstoken') },
                ':SecretString:::}}',
              ],
            ],
          },
          NODE_OPTIONS: '--enable-source-maps',
        },
      },
    });
    home.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: AWS_EVENTS_MAX_BATCH,
      MaximumBatchingWindowInSeconds: 5,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    home.hasResourceProperties('AWS::SQS::Queue', { RedrivePolicy: { maxReceiveCount: 5 }, VisibilityTimeout: 180 });
    // The gateway takes the token as OPSDECK_AWS_EVENTS_TOKEN.
    expect(Object.keys(containerSecrets(Template.fromStack(stacks.gateway)))).toContain('OPSDECK_AWS_EVENTS_TOKEN');
  });

  it('lets the member accounts put events on the gateway’s bus, and forwards theirs there', () => {
    const policies = Object.values(home.findResources('AWS::Events::EventBusPolicy')).map(
      (p) => p.Properties.Statement.Principal
    );
    expect(policies).toEqual([{ AWS: 'arn:aws:iam::222222222222:root' }, { AWS: 'arn:aws:iam::333333333333:root' }]);
    expect(stacks.awsEventsForward.map((s) => `${s.account}/${s.region}`)).toEqual([
      '222222222222/us-east-1',
      '333333333333/eu-west-1',
      '333333333333/us-east-1',
    ]);
    for (const stack of stacks.awsEventsForward) {
      const template = Template.fromStack(stack);
      template.resourceCountIs('AWS::Events::Rule', AWS_EVENT_PATTERNS.length);
      template.allResourcesProperties('AWS::Events::Rule', {
        Targets: [
          Match.objectLike({
            Arn: 'arn:aws:events:eu-west-1:111111111111:event-bus/default',
            RoleArn: Match.anyValue(),
          }),
        ],
      });
      template.resourceCountIs('AWS::Lambda::Function', 0);
    }
  });

  it('is left out, and said so, while the handler is not built', () => {
    const { stacks: without } = buildApp(BASE_CONTEXT, { awsEvents: false });
    expect(without.awsEvents).toBeUndefined();
    expect(without.awsEventsForward).toEqual([]);
    expect(without.skipped).toEqual([expect.stringContaining('infra/lambda/aws-events/handler.ts')]);
    expect(Object.keys(containerSecrets(Template.fromStack(without.gateway)))).not.toContain(
      'OPSDECK_AWS_EVENTS_TOKEN'
    );
  });
});
