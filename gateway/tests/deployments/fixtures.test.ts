/** Pure mappings checked against AWS's own example payloads (../shared/fixtures). */
import type { DeploymentInfo } from '@aws-sdk/client-codedeploy';
import type { GetPipelineStateOutput } from '@aws-sdk/client-codepipeline';
import { mapCodeDeployDeployment } from '../../src/sources/codedeploy/mapDeployment';
import { decideCodeDeployRollback } from '../../src/sources/codedeploy/rollbackDecision';
import { mapPipelineStages } from '../../src/sources/codepipeline/mapExecutions';
import { decidePipelineRollback } from '../../src/sources/codepipeline/rollbackDecision';
import { describeWithFixtures, loadJsonFixture, loadSdkFixture } from './sharedFixtures';

const context = { service: 'wordpress', environment: 'production', region: 'us-east-1' };

describeWithFixtures('AWS example payloads', () => {
  test('CodeDeploy get-deployment maps to a succeeded deployment with its S3 revision and times', () => {
    const { deploymentInfo } = loadSdkFixture<{ deploymentInfo: DeploymentInfo }>(
      'aws-api/aws-cli-examples.deploy.get-deployment.output.DEDENTED.json'
    );
    expect(mapCodeDeployDeployment(deploymentInfo, context)).toMatchObject({
      id: 'codedeploy:d-A1B2C3123',
      service: 'wordpress',
      status: 'succeeded',
      source: 'codedeploy',
      version: 'WordPressApp.zip#dd56cfdE',
      actor: 'user',
      startedAt: 1409764576589,
      finishedAt: 1409764596101,
      progress: undefined,
      rollbackOf: undefined,
    });
  });

  test('a single CodeDeploy deployment has nothing to roll back to', () => {
    const { deploymentInfo } = loadSdkFixture<{ deploymentInfo: DeploymentInfo }>(
      'aws-api/aws-cli-examples.deploy.get-deployment.output.DEDENTED.json'
    );
    expect(
      decideCodeDeployRollback([deploymentInfo], { application: 'WordPress_App', deploymentGroup: 'WordPress_DG' })
    ).toMatchObject({ kind: 'blocked', from: { version: 'WordPressApp.zip#dd56cfdE' } });
  });

  test('CodePipeline get-pipeline-state maps to stages with status, summary and last change', () => {
    const state = loadSdkFixture<GetPipelineStateOutput>(
      'aws-api/aws-cli-examples.codepipeline.get-pipeline-state.output.DEDENTED.json'
    );
    expect(mapPipelineStages(state.stageStates ?? [])).toEqual([
      { name: 'Source', status: 'NotStarted', executionId: undefined, updatedAt: 1446137358328, summary: undefined },
      {
        name: 'Beta',
        status: 'NotStarted',
        executionId: undefined,
        updatedAt: 1446137493131,
        summary: 'Deployment Succeeded',
      },
    ]);
    // The example predates stage-level execution ids, so no rollback can be planned from it.
    expect(decidePipelineRollback(state.stageStates ?? [], [], { pipeline: 'MyFirstPipeline' })).toMatchObject({
      kind: 'blocked',
      reason: expect.stringMatching(/Beta/),
    });
  });

  test('EventBridge examples name the same ids the pollers use', () => {
    const codedeploy = loadJsonFixture<{
      detail: { deploymentId: string; application: string; deploymentGroup: string };
    }>('aws-events/aws-lambda-go.events-testdata.codedeploy-deployment-event.json');
    const pipeline = loadJsonFixture<{ detail: { pipeline: string; 'execution-id': string } }>(
      'aws-events/aws-lambda-go.events-testdata.codepipeline-execution-state-change-event.json'
    );
    expect(
      mapCodeDeployDeployment(
        { deploymentId: codedeploy.detail.deploymentId, status: 'InProgress', createTime: new Date(0) },
        context
      )?.id
    ).toBe(`codedeploy:${codedeploy.detail.deploymentId}`);
    expect(pipeline.detail['execution-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
