import { loadConfig } from '../../config';
import { retryWaitMs } from '../../sources/rest/jsonHttp';
import { parseFromByUser } from '../../sources/pagerduty/actionProvider';

describe('incident settings', () => {
  it('reads every incident key from the environment', () => {
    const config = loadConfig(
      {
        OPSDECK_PAGERDUTY_API_TOKEN: 'pd-token',
        OPSDECK_PAGERDUTY_API_URL: 'http://127.0.0.1:1234',
        OPSDECK_PAGERDUTY_FROM_EMAIL: 'opsdeck@example.com',
        OPSDECK_PAGERDUTY_FROM_BY_USER: 'alice=alice@example.com, bob=bob@example.com',
        OPSDECK_OPSGENIE_API_KEY: 'og-key',
        OPSDECK_OPSGENIE_API_URL: 'https://api.eu.opsgenie.com',
        OPSDECK_ALERTMANAGER_URL: 'http://alertmanager:9093',
        OPSDECK_INCIDENT_POLL_SECONDS: '120',
      },
      '/tmp'
    );
    expect(config.incidents).toEqual({
      pagerdutyApiToken: 'pd-token',
      pagerdutyApiUrl: 'http://127.0.0.1:1234',
      pagerdutyFromEmail: 'opsdeck@example.com',
      pagerdutyFromByUser: 'alice=alice@example.com, bob=bob@example.com',
      opsgenieApiKey: 'og-key',
      opsgenieApiUrl: 'https://api.eu.opsgenie.com',
      alertmanagerUrl: 'http://alertmanager:9093',
      incidentPollSeconds: 120,
    });
    expect(parseFromByUser(config.incidents.pagerdutyFromByUser)).toEqual({
      alice: 'alice@example.com',
      bob: 'bob@example.com',
    });
  });

  it('names the key of a bad value and never shows a secret', () => {
    expect(() => loadConfig({ OPSDECK_INCIDENT_POLL_SECONDS: '5' }, '/tmp')).toThrow(/OPSDECK_INCIDENT_POLL_SECONDS/);
    expect(() => loadConfig({ OPSDECK_PAGERDUTY_FROM_EMAIL: 'not-an-email' }, '/tmp')).toThrow(
      /OPSDECK_PAGERDUTY_FROM_EMAIL/
    );
    expect(() => loadConfig({ OPSDECK_PAGERDUTY_API_TOKEN: '   ' }, '/tmp')).toThrow(/not shown/);
  });

  it('waits what a 429 asks: ratelimit-reset, then Retry-After, then a doubling backoff', () => {
    expect(retryWaitMs(new Headers({ 'ratelimit-reset': '3', 'retry-after': '9' }), 0)).toBe(3000);
    expect(retryWaitMs(new Headers({ 'retry-after': '2' }), 0)).toBe(2000);
    expect(retryWaitMs(new Headers(), 2)).toBe(2000);
  });
});
