/**
 * Fake Auto Scaling speaking the awsQuery protocol: form-encoded `Action=DescribeAutoScalingGroups&Version=
 * 2011-01-01&AutoScalingGroupNames.member.1=…`, XML answers, XML `<ErrorResponse>` errors (research/aws-apis.md §1).
 */
import { FakeAwsServer, type FakeRequest, type FakeResponse } from './fakeServer';

export interface FakeAutoScalingGroup {
  name: string;
  min: number;
  max: number;
  desired: number;
  inService: number;
  /** Instances not yet in service. */
  pending?: number;
  /** Group metrics (GroupInServiceInstances…) only reach CloudWatch when collection is enabled. */
  metricsCollection: boolean;
}

const NS = 'http://autoscaling.amazonaws.com/doc/2011-01-01/';

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function xmlError(status: number, type: 'Sender' | 'Receiver', code: string, message: string): FakeResponse {
  return {
    status,
    headers: { 'content-type': 'text/xml' },
    body: `<ErrorResponse xmlns="${NS}"><Error><Type>${type}</Type><Code>${code}</Code><Message>${xmlEscape(message)}</Message></Error><RequestId>fake</RequestId></ErrorResponse>`,
  };
}

export class AutoScalingFake extends FakeAwsServer {
  groups: FakeAutoScalingGroup[] = [];
  /** Groups per page; the real default MaxRecords is 50. */
  pageSize = 50;

  protected operationOf(request: Omit<FakeRequest, 'operation'>): string {
    return new URLSearchParams(request.body).get('Action') ?? '';
  }

  protected throttled(): FakeResponse {
    return xmlError(400, 'Sender', 'Throttling', 'Rate exceeded');
  }

  protected serverError(): FakeResponse {
    return xmlError(503, 'Receiver', 'ServiceUnavailable', 'Service unavailable');
  }

  protected accessDenied(operation: string): FakeResponse {
    return xmlError(403, 'Sender', 'AccessDenied', `User is not authorized to perform: autoscaling:${operation}`);
  }

  protected handle(request: FakeRequest): FakeResponse {
    const form = new URLSearchParams(request.body);
    if (!String(request.headers['content-type']).startsWith('application/x-www-form-urlencoded')) {
      return xmlError(400, 'Sender', 'ValidationError', 'fake Auto Scaling expects a form-encoded body');
    }
    if (form.get('Version') !== '2011-01-01')
      return xmlError(400, 'Sender', 'InvalidAction', 'Version must be 2011-01-01');
    if (request.operation !== 'DescribeAutoScalingGroups') {
      return xmlError(400, 'Sender', 'InvalidAction', `fake Auto Scaling does not implement ${request.operation}`);
    }
    const names = [...form.entries()].filter(([k]) => k.startsWith('AutoScalingGroupNames.member.')).map(([, v]) => v);
    const matching = names.length ? this.groups.filter((g) => names.includes(g.name)) : this.groups;
    const pageSize = Number(form.get('MaxRecords') ?? this.pageSize) || this.pageSize;
    const offset = Number(form.get('NextToken') ?? 0);
    const page = matching.slice(offset, offset + Math.min(pageSize, this.pageSize));
    const next = offset + page.length < matching.length ? `<NextToken>${offset + page.length}</NextToken>` : '';
    const body =
      `<DescribeAutoScalingGroupsResponse xmlns="${NS}"><DescribeAutoScalingGroupsResult><AutoScalingGroups>` +
      page.map((g) => this.groupXml(g)).join('') +
      `</AutoScalingGroups>${next}</DescribeAutoScalingGroupsResult>` +
      `<ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata></DescribeAutoScalingGroupsResponse>`;
    return { status: 200, headers: { 'content-type': 'text/xml' }, body };
  }

  private groupXml(g: FakeAutoScalingGroup): string {
    const instance = (i: number, state: string) =>
      `<member><InstanceId>i-${g.name}-${i}</InstanceId><InstanceType>m6i.large</InstanceType><AvailabilityZone>eu-west-1a</AvailabilityZone>` +
      `<LifecycleState>${state}</LifecycleState><HealthStatus>Healthy</HealthStatus><ProtectedFromScaleIn>false</ProtectedFromScaleIn></member>`;
    const instances = [
      ...Array.from({ length: g.inService }, (_, i) => instance(i, 'InService')),
      ...Array.from({ length: g.pending ?? 0 }, (_, i) => instance(g.inService + i, 'Pending')),
    ].join('');
    const metrics = g.metricsCollection
      ? ['GroupDesiredCapacity', 'GroupInServiceInstances', 'GroupMinSize', 'GroupMaxSize']
          .map((m) => `<member><Metric>${m}</Metric><Granularity>1Minute</Granularity></member>`)
          .join('')
      : '';
    return (
      `<member><AutoScalingGroupName>${xmlEscape(g.name)}</AutoScalingGroupName>` +
      `<AutoScalingGroupARN>arn:aws:autoscaling:eu-west-1:111111111111:autoScalingGroup:x:autoScalingGroupName/${xmlEscape(g.name)}</AutoScalingGroupARN>` +
      `<MinSize>${g.min}</MinSize><MaxSize>${g.max}</MaxSize><DesiredCapacity>${g.desired}</DesiredCapacity>` +
      `<DefaultCooldown>300</DefaultCooldown><AvailabilityZones><member>eu-west-1a</member></AvailabilityZones>` +
      `<HealthCheckType>EC2</HealthCheckType><CreatedTime>2025-01-01T00:00:00Z</CreatedTime>` +
      `<Instances>${instances}</Instances><EnabledMetrics>${metrics}</EnabledMetrics></member>`
    );
  }
}
