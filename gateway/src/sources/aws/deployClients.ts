/**
 * The four SDK clients the deployment features use, built from one set of options so tests can point them all at
 * the fakes (`endpoints`) and production can leave everything to the default credential chain.
 */
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { CodePipelineClient } from '@aws-sdk/client-codepipeline';
import { ECSClient } from '@aws-sdk/client-ecs';
import { LambdaClient } from '@aws-sdk/client-lambda';

export interface DeployClients {
  codedeploy: CodeDeployClient;
  codepipeline: CodePipelineClient;
  lambda: LambdaClient;
  ecs: ECSClient;
}

export interface DeployClientOptions {
  region: string;
  /** Per-service endpoint override (tests, VPC endpoints); the SDK default otherwise. */
  endpoints?: Partial<Record<keyof DeployClients, string>>;
  maxAttempts?: number;
}

export function createDeployClients(options: DeployClientOptions): DeployClients {
  const common = (service: keyof DeployClients) => ({
    region: options.region,
    endpoint: options.endpoints?.[service],
    maxAttempts: options.maxAttempts,
  });
  return {
    codedeploy: new CodeDeployClient(common('codedeploy')),
    codepipeline: new CodePipelineClient(common('codepipeline')),
    lambda: new LambdaClient(common('lambda')),
    ecs: new ECSClient(common('ecs')),
  };
}

export function destroyDeployClients(clients: DeployClients): void {
  clients.codedeploy.destroy();
  clients.codepipeline.destroy();
  clients.lambda.destroy();
  clients.ecs.destroy();
}
