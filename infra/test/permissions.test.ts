/**
 * The one list of IAM actions (gateway/src/sources/aws/permissions.ts) against what the gateway calls, what
 * docs/aws-setup.md prints, and what the stacks grant.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import {
  AWS_ASSUME_ROLE_ACTION,
  AWS_IMPLIED_ACTIONS,
  AWS_READ_ACTIONS,
  AWS_ROLLBACK_ACTION_LIST,
  readOnlyPolicyDocument,
} from '../../gateway/src/sources/aws/permissions';
import { REPO_ROOT } from '../lib/config';
import { BASE_CONTEXT, buildApp, containerEnv } from './support';

/** The IAM service prefix of each AWS SDK v3 client package the gateway uses. */
const IAM_PREFIX: Record<string, string> = {
  '@aws-sdk/client-cloudwatch': 'cloudwatch',
  '@aws-sdk/client-auto-scaling': 'autoscaling',
  '@aws-sdk/client-cloudwatch-logs': 'logs',
  '@aws-sdk/client-cost-explorer': 'ce',
  '@aws-sdk/client-codedeploy': 'codedeploy',
  '@aws-sdk/client-codepipeline': 'codepipeline',
  '@aws-sdk/client-lambda': 'lambda',
  '@aws-sdk/client-ecs': 'ecs',
  '@aws-sdk/client-sts': 'sts',
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [file] : [];
  });
}

/** `new XCommand(` in the gateway's product code, as IAM actions, from the package each command is imported from. */
function actionsTheGatewayCalls(): Map<string, string[]> {
  const calls = new Map<string, string[]>();
  for (const file of sourceFiles(path.join(REPO_ROOT, 'gateway/src'))) {
    const text = fs.readFileSync(file, 'utf8');
    const imported = new Map<string, string>();
    for (const [, names, pkg] of text.matchAll(
      /import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'(@aws-sdk\/client-[a-z-]+)'/g
    )) {
      for (const name of names.split(',').map((n) => n.trim().replace(/^type\s+/, ''))) imported.set(name, pkg);
    }
    for (const [, command] of text.matchAll(/new\s+([A-Z][A-Za-z]+)Command\(/g)) {
      const pkg = imported.get(`${command}Command`);
      if (!pkg) throw new Error(`${file}: ${command}Command is not imported from an @aws-sdk/client-* package`);
      const prefix = IAM_PREFIX[pkg];
      if (!prefix) throw new Error(`${file}: ${pkg} has no IAM prefix in this test; add it`);
      const action = `${prefix}:${command}`;
      calls.set(action, [...(calls.get(action) ?? []), path.relative(REPO_ROOT, file)]);
    }
    // Credentials of a role (OPSDECK_AWS_ACCOUNTS roleArn) are AssumeRole calls made by the SDK.
    if (/fromTemporaryCredentials\(/.test(text)) calls.set(AWS_ASSUME_ROLE_ACTION, [path.relative(REPO_ROOT, file)]);
  }
  return calls;
}

/** The ```json blocks of a markdown section (from its heading to the next `## `). */
function jsonBlocks(markdown: string, heading: string): unknown[] {
  const start = markdown.indexOf(heading);
  if (start < 0) throw new Error(`no section "${heading}"`);
  const rest = markdown.slice(start + heading.length);
  const section = rest.slice(0, rest.search(/\n## /) < 0 ? undefined : rest.search(/\n## /));
  return [...section.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]));
}

describe('the IAM action list', () => {
  const calls = actionsTheGatewayCalls();

  it('names every AWS call of the gateway, and nothing it does not call', () => {
    const listed = new Set([...AWS_READ_ACTIONS, ...AWS_ROLLBACK_ACTION_LIST, AWS_ASSUME_ROLE_ACTION]);
    const called = new Set(calls.keys());
    const implied = new Set(Object.keys(AWS_IMPLIED_ACTIONS));
    expect([...called].filter((a) => !listed.has(a)).sort()).toEqual([]);
    expect([...listed].filter((a) => !called.has(a) && !implied.has(a)).sort()).toEqual([]);
    for (const [action, call] of Object.entries(AWS_IMPLIED_ACTIONS)) {
      expect(called.has(call)).toBe(true);
      expect(AWS_ROLLBACK_ACTION_LIST).toContain(action);
    }
  });

  it('keeps reads and writes apart: no read action is a rollback action, none repeats', () => {
    expect(new Set(AWS_READ_ACTIONS).size).toBe(AWS_READ_ACTIONS.length);
    expect(new Set(AWS_ROLLBACK_ACTION_LIST).size).toBe(AWS_ROLLBACK_ACTION_LIST.length);
    expect(AWS_READ_ACTIONS.filter((a) => AWS_ROLLBACK_ACTION_LIST.includes(a))).toEqual([]);
    // Read actions by their verbs: a write slipping into the read list would show here.
    for (const action of AWS_READ_ACTIONS) expect(action).toMatch(/^[a-z-]+:(Get|List|Describe|BatchGet|StartQuery)/);
    for (const action of AWS_ROLLBACK_ACTION_LIST) expect(action).not.toContain('*');
  });

  it('is the policy docs/aws-setup.md prints, statement by statement, and its rollback actions', () => {
    const markdown = fs.readFileSync(path.join(REPO_ROOT, 'docs/aws-setup.md'), 'utf8');
    const [policy] = jsonBlocks(markdown, '## 2. The read-only IAM policy');
    expect(policy).toEqual(readOnlyPolicyDocument());
    const [rollback] = jsonBlocks(markdown, '## 6. Optional: rollback permissions') as Array<{ Action: string[] }>;
    expect(rollback.Action).toEqual([...AWS_ROLLBACK_ACTION_LIST]);
  });
});

describe('what the stacks grant', () => {
  const { stacks } = buildApp({ ...BASE_CONTEXT, rollback: true }, { awsEvents: false });
  const gateway = Template.fromStack(stacks.gateway);
  const statementsOf = (template: Template) =>
    Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (p) =>
        p.Properties.PolicyDocument.Statement as Array<{ Sid?: string; Action: string | string[]; Resource: unknown }>
    );
  const actionsOf = (s: { Action: string | string[] }) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

  it('gives the task role exactly the read list, on "*"', () => {
    const [role] = Object.entries(
      gateway.findResources('AWS::IAM::Role', { Properties: { RoleName: 'opsdeck-gateway' } })
    );
    const read = gateway.findResources('AWS::IAM::Policy', { Properties: { PolicyName: 'opsdeck-read' } });
    const policy = Object.values(read)[0].Properties;
    expect(policy.Roles).toEqual([{ Ref: role[0] }]);
    expect(policy.PolicyDocument.Statement).toEqual(
      readOnlyPolicyDocument().Statement.map(({ Sid, Effect, Action, Resource }) => ({ Sid, Effect, Action, Resource }))
    );
  });

  it('grants no write action on "*", and rollback actions only on the deploy targets', () => {
    for (const statement of statementsOf(gateway)) {
      const writes = actionsOf(statement).filter((a) => AWS_ROLLBACK_ACTION_LIST.includes(a));
      if (!writes.length) continue;
      expect(statement.Resource).not.toEqual('*');
      for (const resource of [statement.Resource].flat())
        expect(String(resource)).toMatch(/^arn:aws:(codedeploy|codepipeline|lambda|ecs):/);
    }
    // Demo catalog: checkout-api (CodeDeploy), payments-worker and fraud-scoring (Lambda) are in the gateway's account.
    gateway.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: 'opsdeck-rollback',
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'codedeploy:CreateDeployment',
            Resource: 'arn:aws:codedeploy:eu-west-1:111111111111:deploymentgroup:checkout-api/production',
          }),
          Match.objectLike({
            Action: 'lambda:UpdateAlias',
            Resource: [
              'arn:aws:lambda:eu-west-1:111111111111:function:fraud-score',
              'arn:aws:lambda:eu-west-1:111111111111:function:fraud-score:*',
              'arn:aws:lambda:eu-west-1:111111111111:function:payments-settle',
              'arn:aws:lambda:eu-west-1:111111111111:function:payments-settle:*',
            ],
          }),
        ]),
      },
    });
    const env = containerEnv(gateway);
    expect(env.OPSDECK_ROLLBACK_IAM_ACTIONS.split(',')).toEqual([
      'codedeploy:StopDeployment',
      'codedeploy:CreateDeployment',
      'codedeploy:GetDeploymentConfig',
      'codedeploy:GetApplicationRevision',
      'lambda:UpdateAlias',
    ]);
    // inventory-api (ECS) and search-api (CodePipeline) live in account 222222222222: said, not granted.
    gateway.hasOutput('RollbackSkipped', { Value: Match.stringLikeRegexp('inventory-api: .*222222222222') });
  });

  it('grants no rollback action without the rollback flag', () => {
    const plain = Template.fromStack(buildApp(BASE_CONTEXT, { awsEvents: false }).stacks.gateway);
    const actions = statementsOf(plain).flatMap(actionsOf);
    expect(actions.filter((a) => AWS_ROLLBACK_ACTION_LIST.includes(a))).toEqual([]);
    expect(containerEnv(plain).OPSDECK_ROLLBACK_IAM_ACTIONS).toBeUndefined();
  });

  it('lets the task role assume exactly the member accounts’ read roles', () => {
    gateway.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          {
            Action: AWS_ASSUME_ROLE_ACTION,
            Effect: 'Allow',
            Resource: ['arn:aws:iam::222222222222:role/opsdeck-read', 'arn:aws:iam::333333333333:role/opsdeck-read'],
            Sid: 'ReadMemberAccounts',
          },
        ],
      },
    });
  });

  it('makes a read role in each member account, trusting the gateway’s task role, with the read list', () => {
    expect(stacks.crossAccountRead.map((s) => s.account)).toEqual(['222222222222', '333333333333']);
    for (const stack of stacks.crossAccountRead) {
      const template = Template.fromStack(stack);
      template.resourceCountIs('AWS::IAM::Role', 1);
      template.hasResourceProperties('AWS::IAM::Role', {
        RoleName: 'opsdeck-read',
        AssumeRolePolicyDocument: {
          Statement: [
            {
              Action: 'sts:AssumeRole',
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::111111111111:root' },
              Condition: { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111111111111:role/opsdeck-gateway' } },
            },
          ],
        },
        Policies: [
          {
            PolicyName: 'opsdeck-read',
            PolicyDocument: Match.objectLike({ Statement: readOnlyPolicyDocument().Statement }),
          },
        ],
      });
    }
  });

  it('asks for the external id when one is set, in the trust policy and in OPSDECK_AWS_ACCOUNTS', () => {
    const { stacks: withId } = buildApp({ ...BASE_CONTEXT, externalId: 'opsdeck-prod' }, { awsEvents: false });
    Template.fromStack(withId.crossAccountRead[0]).hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({ Condition: Match.objectLike({ StringEquals: { 'sts:ExternalId': 'opsdeck-prod' } }) }),
        ],
      },
    });
    const accounts = JSON.parse(containerEnv(Template.fromStack(withId.gateway)).OPSDECK_AWS_ACCOUNTS);
    expect(accounts.map((a: { externalId?: string }) => a.externalId)).toEqual([
      undefined,
      'opsdeck-prod',
      'opsdeck-prod',
    ]);
  });
});
