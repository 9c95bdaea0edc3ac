/**
 * Issue 9, defect 2, against the BUILT gateway as its own process: one request used to spin `alignedTimes` forever
 * (a 60 s step added to 1e22 leaves it unchanged) until V8 aborted and took the gateway down. Run in a child
 * process because the old failure kills the process it runs in; here it kills only the gateway under test.
 */
import { startBuiltGateway, type BuiltGateway } from '../support/builtGateway';

jest.setTimeout(120_000);

const TOKEN = 'time-loops-test-token-0123456789';
let gateway: BuiltGateway;

beforeAll(async () => {
  gateway = await startBuiltGateway(TOKEN);
}, 120_000);

afterAll(async () => gateway?.stop());

async function ask(pathAndQuery: string, body?: unknown) {
  const response = await fetch(`${gateway.url}${pathAndQuery}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${TOKEN}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    // The old gateway never answers these: fail in seconds, not at the test timeout.
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, body: (await response.json()) as { error?: string; field?: string } };
}

const query = { refId: 'A', queryType: 'service_metric', metric: 'error_rate', service: 'checkout-api' };

it.each([
  ['the issue reproduction', 1e22, 1.0000000000000002e22],
  ['from past 2^53', 2 ** 53 + 2, 2 ** 53 + 4],
  ['a year-275760 range', 8.64e15 - 3_600_000, 8.64e15],
  ['1e300', 1e300, 1.0000000000000001e300],
])('POST /api/query with %s: 400 naming range.from, and the process lives', async (_, from, to) => {
  const answer = await ask('/api/query', { range: { from, to }, queries: [query] });
  expect({ status: answer.status, field: answer.body.field }).toEqual({ status: 400, field: 'range.from' });
  expect(gateway.child.exitCode).toBeNull();
});

it.each([
  ['the issue reproduction', '1e22', '1.0000000000000002e22'],
  ['digits past 2^53', '10000000000000000000000', '10000000000000000000001'],
  ['a year-275760 range', String(8.64e15 - 3_600_000), String(8.64e15)],
])('GET /api/deployments/suspects with %s: 400 naming from, and the process lives', async (_, from, to) => {
  const answer = await ask(`/api/deployments/suspects?service=checkout-api&from=${from}&to=${to}`);
  expect({ status: answer.status, field: answer.body.field }).toEqual({ status: 400, field: 'from' });
  expect(gateway.child.exitCode).toBeNull();
});

it('answers /api/health at once afterwards: nothing is still spinning', async () => {
  const started = performance.now();
  const health = await fetch(`${gateway.url}/api/health`, { signal: AbortSignal.timeout(5_000) });
  expect(health.status).toBe(200);
  expect(performance.now() - started).toBeLessThan(1_000);
  expect(gateway.child.exitCode).toBeNull();
});
