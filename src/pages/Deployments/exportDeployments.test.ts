import { deployment, NOW } from './deploymentsFixture';
import { deploymentsToCsv, deploymentsToJson, exportFileName } from './exportDeployments';

describe('deployment export', () => {
  it('writes a header and one CRLF-terminated row per deployment, in the order shown', () => {
    const csv = deploymentsToCsv([
      deployment(),
      deployment({
        id: 'demo:search-api:v7',
        service: 'search-api',
        version: 'v7',
        finishedAt: undefined,
        status: 'in_progress',
      }),
    ]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'id,service,environment,version,previous_version,status,rollback_of,actor,source,commit,started_at,finished_at,duration_seconds,url'
    );
    expect(lines[1]).toBe(
      'demo:checkout-api:v42,checkout-api,production,v42,v41,succeeded,,alice,demo,,2025-01-01T11:00:00.000Z,2025-01-01T11:02:05.000Z,125,'
    );
    expect(lines[2]).toBe(
      'demo:search-api:v7,search-api,production,v7,v41,in_progress,,alice,demo,,2025-01-01T11:00:00.000Z,,,'
    );
    expect(lines[3]).toBe('');
    expect(lines).toHaveLength(4);
  });

  it('quotes commas, quotes and line breaks, and defuses spreadsheet formulas', () => {
    const csv = deploymentsToCsv([
      deployment({ actor: 'Doe, "JD"', commit: 'abc\ndef', version: '=HYPERLINK("x")', url: '@evil' }),
    ]);
    const row = csv.split('\r\n').slice(1).join('\r\n');
    expect(row).toContain('"Doe, ""JD"""');
    expect(row).toContain('"abc\ndef"');
    expect(row).toContain(`"'=HYPERLINK(""x"")"`);
    expect(row).toContain("'@evil");
  });

  it('exports JSON with the filters that selected the records', () => {
    const json = JSON.parse(deploymentsToJson([deployment()], { team: 'payments' }));
    expect(json).toEqual({ filters: { team: 'payments' }, deployments: [deployment()] });
  });

  it('names the file after the filters and the time', () => {
    expect(exportFileName('csv', { team: 'payments', service: 'checkout api' }, NOW)).toBe(
      'deployments-team-payments-service-checkout_api-2025-01-01T12-00-00Z.csv'
    );
    expect(exportFileName('json', {}, NOW)).toBe('deployments-2025-01-01T12-00-00Z.json');
  });
});
