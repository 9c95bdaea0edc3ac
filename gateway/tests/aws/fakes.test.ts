// The fakes themselves, driven by the real SDK clients: if these fail, the adapters' tests prove nothing.
import './fakeCredentials';
import { AutoScalingClient, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { CloudWatchClient, GetMetricDataCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, GetQueryResultsCommand, StartQueryCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CostExplorerClient, GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import { AutoScalingFake, CloudWatchFake, CostExplorerFake, defaultMetricValue, LogsFake } from '../fakes/aws';

jest.setTimeout(30_000);

const cw = new CloudWatchFake();
const ce = new CostExplorerFake();
const asg = new AutoScalingFake();
const logs = new LogsFake();
let cwClient: CloudWatchClient;

beforeAll(async () => {
  await Promise.all([cw.start(), ce.start(), asg.start(), logs.start()]);
  cwClient = new CloudWatchClient({ endpoint: cw.endpoint, maxAttempts: 1 });
});
afterAll(async () => {
  cwClient.destroy();
  await Promise.all([cw.stop(), ce.stop(), asg.stop(), logs.stop()]);
});
beforeEach(() => {
  for (const f of [cw, ce, asg, logs]) {
    f.heal();
    f.resetCounters();
  }
});

const END = Math.floor(Date.now() / 3_600_000) * 3_600_000;
const query = (i: number, period = 60): MetricDataQuery => ({
  Id: `q${i}`,
  MetricStat: {
    Metric: {
      Namespace: 'AWS/EC2',
      MetricName: 'CPUUtilization',
      Dimensions: [{ Name: 'AutoScalingGroupName', Value: `g${i}` }],
    },
    Period: period,
    Stat: 'Average',
  },
});

describe('CloudWatch fake', () => {
  it('answers GetMetricData in JSON 1.0 with epoch-second timestamps the SDK parses', async () => {
    const out = await cwClient.send(
      new GetMetricDataCommand({
        MetricDataQueries: [query(0)],
        StartTime: new Date(END - 600_000),
        EndTime: new Date(END),
      })
    );
    const r = out.MetricDataResults![0];
    expect(r.Timestamps).toHaveLength(10);
    expect(r.Timestamps![0]).toEqual(new Date(END - 60_000));
    expect(cw.callsTo('GetMetricData')).toBe(1);
    expect(cw.metricsRequested).toBe(1);
  });

  it('rejects more than 500 queries and more than 100,800 points, as CloudWatch does', async () => {
    const send = (n: number, hours: number) =>
      cwClient.send(
        new GetMetricDataCommand({
          MetricDataQueries: Array.from({ length: n }, (_, i) => query(i)),
          StartTime: new Date(END - hours * 3_600_000),
          EndTime: new Date(END),
        })
      );
    await expect(send(501, 1)).rejects.toMatchObject({ Code: 'ValidationError', $metadata: { httpStatusCode: 400 } });
    await expect(send(71, 24)).rejects.toThrow(/exceeds the limit of 100800/);
    // The limit counts requested points; hourly data keeps the accepted answer small.
    cw.metricValue = (m, t) => (t % 3600 === 0 ? defaultMetricValue(m, t) : undefined);
    await expect(send(70, 24)).resolves.toBeDefined();
    cw.metricValue = defaultMetricValue;
  });

  it('throttles with the query-compatible code Throttling', async () => {
    cw.throttleNext(1);
    await expect(
      cwClient.send(
        new GetMetricDataCommand({
          MetricDataQueries: [query(0)],
          StartTime: new Date(END - 60_000),
          EndTime: new Date(END),
        })
      )
    ).rejects.toMatchObject({
      name: 'Throttling',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('paginates with NextToken', async () => {
    cw.pagePoints = 25;
    const first = await cwClient.send(
      new GetMetricDataCommand({
        MetricDataQueries: [query(0), query(1)],
        StartTime: new Date(END - 1_800_000),
        EndTime: new Date(END),
      })
    );
    expect(first.NextToken).toBe('page:25');
    expect(first.MetricDataResults![1].StatusCode).toBe('PartialData');
    cw.pagePoints = 100_800;
  });

  it('returns nothing when the period is finer than retention keeps', async () => {
    const start = END - 20 * 86_400_000;
    const out = await cwClient.send(
      new GetMetricDataCommand({
        MetricDataQueries: [query(0, 60)],
        StartTime: new Date(start),
        EndTime: new Date(start + 3_600_000),
      })
    );
    expect(out.MetricDataResults![0].Values).toEqual([]);
  });
});

describe('Cost Explorer fake', () => {
  it('answers JSON 1.1 and throttles with LimitExceededException', async () => {
    const client = new CostExplorerClient({ endpoint: ce.endpoint, region: 'us-east-1', maxAttempts: 1 });
    const out = await client.send(
      new GetCostAndUsageCommand({
        TimePeriod: { Start: '2026-11-01', End: '2026-11-03' },
        Granularity: 'DAILY',
        Metrics: ['UnblendedCost'],
        GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
      })
    );
    expect(out.ResultsByTime).toHaveLength(2);
    expect(out.ResultsByTime![0].Groups).toHaveLength(ce.services.length);
    ce.throttleNext(1);
    await expect(
      client.send(
        new GetCostAndUsageCommand({
          TimePeriod: { Start: '2026-11-01', End: '2026-11-02' },
          Granularity: 'DAILY',
          Metrics: ['UnblendedCost'],
        })
      )
    ).rejects.toMatchObject({
      name: 'LimitExceededException',
    });
    client.destroy();
  });
});

describe('Auto Scaling fake', () => {
  it('answers the query protocol in XML and throttles with Throttling', async () => {
    asg.groups = [{ name: 'web', min: 2, max: 10, desired: 4, inService: 3, pending: 1, metricsCollection: true }];
    const client = new AutoScalingClient({ endpoint: asg.endpoint, maxAttempts: 1 });
    const out = await client.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['web'] }));
    const g = out.AutoScalingGroups![0];
    expect(g).toMatchObject({ AutoScalingGroupName: 'web', MinSize: 2, MaxSize: 10, DesiredCapacity: 4 });
    expect(g.Instances).toHaveLength(4);
    expect(g.EnabledMetrics!.map((m) => m.Metric)).toContain('GroupInServiceInstances');
    asg.throttleNext(1);
    await expect(client.send(new DescribeAutoScalingGroupsCommand({}))).rejects.toMatchObject({ name: 'Throttling' });
    client.destroy();
  });
});

describe('Logs fake', () => {
  it('runs a Logs Insights query: Running, then Complete', async () => {
    logs.results = () => [{ coldStarts: '3', invocations: '40' }];
    const client = new CloudWatchLogsClient({ endpoint: logs.endpoint, maxAttempts: 1 });
    const { queryId } = await client.send(
      new StartQueryCommand({
        logGroupNames: ['/aws/lambda/fn'],
        queryString: 'stats count(*)',
        startTime: 0,
        endTime: 60,
      })
    );
    expect((await client.send(new GetQueryResultsCommand({ queryId }))).status).toBe('Running');
    const done = await client.send(new GetQueryResultsCommand({ queryId }));
    expect(done.status).toBe('Complete');
    expect(done.results![0]).toEqual([
      { field: 'coldStarts', value: '3' },
      { field: 'invocations', value: '40' },
    ]);
    client.destroy();
  });
});
