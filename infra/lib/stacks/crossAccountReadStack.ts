/**
 * The read role of a member account (docs/aws-setup.md §4): the gateway's task role in its own account assumes it
 * (OPSDECK_AWS_ACCOUNTS names it), and it may do exactly the read actions of gateway/src/sources/aws/permissions.ts.
 *
 * The trust names the gateway's account with a condition on the caller's role ARN rather than the role itself:
 * IAM refuses a trust policy whose principal role does not exist yet, and a principal role that is recreated loses
 * the trust; a condition on aws:PrincipalArn has neither problem, so this stack deploys in any order.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { GATEWAY_TASK_ROLE_NAME, partitionOf, READ_ROLE_NAME, roleArn } from '../naming';
import { readStatements } from '../permissions';

export interface CrossAccountReadStackProps extends StackProps {
  /** The account the gateway runs in. */
  gatewayAccount: string;
  /** Asked for in the trust policy when set (and then in OPSDECK_AWS_ACCOUNTS). */
  externalId?: string;
}

export class CrossAccountReadStack extends Stack {
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: CrossAccountReadStackProps) {
    super(scope, id, props);
    const gatewayRole = roleArn(props.gatewayAccount, this.region, GATEWAY_TASK_ROLE_NAME);
    this.role = new iam.Role(this, 'ReadRole', {
      roleName: READ_ROLE_NAME,
      description: `Opsdeck reads this account: assumed by ${gatewayRole}`,
      assumedBy: new iam.ArnPrincipal(
        `arn:${partitionOf(this.region)}:iam::${props.gatewayAccount}:root`
      ).withConditions({
        ArnEquals: { 'aws:PrincipalArn': gatewayRole },
      }),
      externalIds: props.externalId ? [props.externalId] : undefined,
      inlinePolicies: { 'opsdeck-read': new iam.PolicyDocument({ statements: readStatements() }) },
    });
    new CfnOutput(this, 'ReadRoleArn', {
      value: this.role.roleArn,
      description: 'roleArn of this account in OPSDECK_AWS_ACCOUNTS',
    });
  }
}
