/**
 * Fake ECS: AWS JSON 1.1, `x-amz-target: AmazonEC2ContainerServiceV20141113.<Op>` (from @aws-sdk/client-ecs's
 * dist-cjs, which also has StopServiceDeployment). A service keeps its deployments like ECS does: the PRIMARY one
 * plus, while it rolls out, the ACTIVE one it replaces; finished deployments drop out of DescribeServices.
 */
import { FakeServiceError, Json11FakeServer, epochSeconds, type DeployFakeRequest } from './deployFakeServer';

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';

export interface FakeEcsDeployment {
  id: string;
  status: 'PRIMARY' | 'ACTIVE' | 'INACTIVE';
  taskDefinition: string;
  rolloutState: 'COMPLETED' | 'FAILED' | 'IN_PROGRESS';
  rolloutStateReason?: string;
  createdAtMs: number;
  updatedAtMs: number;
  readsLeft: number;
  outcome: 'COMPLETED' | 'FAILED';
}

export interface FakeEcsService {
  cluster: string;
  serviceName: string;
  desiredCount: number;
  deployments: FakeEcsDeployment[];
  currentServiceDeployment?: string;
}

export function taskDefinitionArn(familyRevision: string): string {
  return `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/${familyRevision}`;
}

export class EcsFake extends Json11FakeServer {
  readonly services = new Map<string, FakeEcsService>();
  stepsToFinish = 2;
  nextOutcome: 'COMPLETED' | 'FAILED' = 'COMPLETED';
  now: () => number = () => Date.now();
  private counter = 0;

  /** A steady service running `familyRevision` (e.g. "inventory-api:41"). */
  addService(cluster: string, serviceName: string, familyRevision: string, createdAtMs = this.now()): FakeEcsService {
    const service: FakeEcsService = { cluster, serviceName, desiredCount: 3, deployments: [] };
    this.services.set(`${cluster}/${serviceName}`, service);
    this.startDeployment(service, taskDefinitionArn(familyRevision), 'COMPLETED', createdAtMs);
    return service;
  }

  /** Starts a rollout to `familyRevision` as UpdateService would. */
  deploy(
    cluster: string,
    serviceName: string,
    familyRevision: string,
    outcome: 'COMPLETED' | 'FAILED' = 'COMPLETED'
  ): FakeEcsDeployment {
    return this.startDeployment(
      this.service(cluster, serviceName),
      taskDefinitionArn(familyRevision),
      'IN_PROGRESS',
      this.now(),
      outcome
    );
  }

  primary(cluster: string, serviceName: string): FakeEcsDeployment | undefined {
    return this.services.get(`${cluster}/${serviceName}`)?.deployments.find((d) => d.status === 'PRIMARY');
  }

  private startDeployment(
    service: FakeEcsService,
    taskDefinition: string,
    state: FakeEcsDeployment['rolloutState'],
    at: number,
    outcome = this.nextOutcome
  ): FakeEcsDeployment {
    this.counter++;
    for (const d of service.deployments) if (d.status === 'PRIMARY') d.status = 'ACTIVE';
    service.deployments = service.deployments.filter((d) => d.status !== 'INACTIVE');
    const deployment: FakeEcsDeployment = {
      id: `ecs-svc/${String(this.counter).padStart(19, '0')}`,
      status: 'PRIMARY',
      taskDefinition,
      rolloutState: state,
      createdAtMs: at,
      updatedAtMs: at,
      readsLeft: this.stepsToFinish,
      outcome,
    };
    service.deployments.unshift(deployment);
    service.currentServiceDeployment = `arn:aws:ecs:${REGION}:${ACCOUNT}:service-deployment/${service.cluster}/${service.serviceName}/fake${this.counter}`;
    if (state === 'COMPLETED') service.deployments = [deployment];
    return deployment;
  }

  private service(cluster: unknown, name: unknown): FakeEcsService {
    const clusterName = String(cluster ?? 'default')
      .split('/')
      .pop()!;
    const serviceName = String(name).split('/').pop()!;
    const found = this.services.get(`${clusterName}/${serviceName}`);
    if (!found) throw new FakeServiceError(400, 'ServiceNotFoundException', `Service not found: ${serviceName}`);
    return found;
  }

  private tick(): void {
    for (const service of this.services.values()) {
      const primary = service.deployments.find((d) => d.status === 'PRIMARY');
      if (!primary || primary.rolloutState !== 'IN_PROGRESS') continue;
      primary.readsLeft--;
      if (primary.readsLeft > 0) continue;
      primary.rolloutState = primary.outcome;
      primary.updatedAtMs = this.now();
      if (primary.outcome === 'COMPLETED') service.deployments = [primary];
      else primary.rolloutStateReason = 'ECS deployment circuit breaker: tasks failed to start.';
    }
  }

  private wire(service: FakeEcsService): Record<string, unknown> {
    const primary = service.deployments.find((d) => d.status === 'PRIMARY');
    return {
      serviceName: service.serviceName,
      serviceArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:service/${service.cluster}/${service.serviceName}`,
      clusterArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/${service.cluster}`,
      status: 'ACTIVE',
      desiredCount: service.desiredCount,
      runningCount: service.desiredCount,
      taskDefinition: primary?.taskDefinition,
      currentServiceDeployment: service.currentServiceDeployment,
      deployments: service.deployments.map((d) => ({
        id: d.id,
        status: d.status,
        taskDefinition: d.taskDefinition,
        desiredCount: service.desiredCount,
        runningCount: d.rolloutState === 'IN_PROGRESS' ? 1 : d.status === 'PRIMARY' ? service.desiredCount : 2,
        pendingCount: d.rolloutState === 'IN_PROGRESS' ? 2 : 0,
        failedTasks: d.rolloutState === 'FAILED' ? 3 : 0,
        rolloutState: d.rolloutState,
        rolloutStateReason: d.rolloutStateReason,
        createdAt: epochSeconds(d.createdAtMs),
        updatedAt: epochSeconds(d.updatedAtMs),
      })),
    };
  }

  protected handle(request: DeployFakeRequest): unknown {
    const input = JSON.parse(request.body || '{}') as Record<string, unknown>;
    switch (request.operation) {
      case 'DescribeServices': {
        this.tick();
        const names = (input.services as string[] | undefined) ?? [];
        const services: unknown[] = [];
        const failures: unknown[] = [];
        for (const name of names) {
          try {
            services.push(this.wire(this.service(input.cluster, name)));
          } catch {
            failures.push({
              arn: `arn:aws:ecs:${REGION}:${ACCOUNT}:service/${String(input.cluster)}/${name}`,
              reason: 'MISSING',
            });
          }
        }
        return { services, failures };
      }
      case 'UpdateService': {
        const service = this.service(input.cluster, input.service);
        const requested = String(input.taskDefinition ?? '');
        if (!requested)
          throw new FakeServiceError(400, 'InvalidParameterException', 'taskDefinition is required by this fake');
        const arn = requested.startsWith('arn:') ? requested : taskDefinitionArn(requested);
        this.startDeployment(service, arn, 'IN_PROGRESS', this.now());
        return { service: this.wire(service) };
      }
      case 'StopServiceDeployment': {
        const arn = String(input.serviceDeploymentArn);
        const service = [...this.services.values()].find((s) => s.currentServiceDeployment === arn);
        if (!service)
          throw new FakeServiceError(400, 'ServiceDeploymentNotFoundException', `Service deployment ${arn} not found`);
        const primary = service.deployments.find((d) => d.status === 'PRIMARY');
        const previous = service.deployments.find((d) => d.status === 'ACTIVE');
        if (!primary || primary.rolloutState !== 'IN_PROGRESS' || !previous)
          throw new FakeServiceError(400, 'ConflictException', `Service deployment ${arn} is not in progress`);
        if (input.stopType === 'ROLLBACK') {
          primary.status = 'INACTIVE';
          this.startDeployment(service, previous.taskDefinition, 'IN_PROGRESS', this.now());
        } else {
          primary.rolloutState = 'FAILED';
          primary.rolloutStateReason = 'Stopped by StopServiceDeployment (ABORT)';
        }
        return { serviceDeploymentArn: arn };
      }
      default:
        throw new FakeServiceError(
          400,
          'UnknownOperationException',
          `ECS fake does not implement ${request.operation}`
        );
    }
  }
}
