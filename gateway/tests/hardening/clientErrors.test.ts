/**
 * A request Node's HTTP parser refuses (here: a DEL character in a header value, which the hostile-input suite sent
 * and which once came back as a reset instead of an answer) still gets an answer the client can read, even while
 * the client is writing a large body: the gateway half-closes and drains instead of resetting the connection.
 */
import { startTestGateway, type TestGateway } from '../support/gateway';
import { rawRequest } from './support/rawHttp';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(async () => gateway?.close());

const body = JSON.stringify({ queries: [{ refId: 'A', queryType: 'services', note: 'x'.repeat(700_000) }] });

it.each([
  ['a DEL character in a header value', { 'idempotency-key': '\u007f' }],
  ['a header name with a space', { 'bad name': 'x' }],
])('answers a request with %s with a readable 400 JSON, 30 times in a row', async (_what, extra) => {
  for (let round = 0; round < 30; round++) {
    const response = await rawRequest(gateway.url, {
      method: 'POST',
      path: '/api/query',
      headers: { authorization: `Bearer ${gateway.token}`, 'content-type': 'application/json', ...extra },
      body,
    });
    expect({ round, status: response.status, connection: response.headers.connection }).toEqual({
      round,
      status: 400,
      connection: 'close',
    });
    expect(response.json()).toEqual({ error: expect.stringContaining('malformed HTTP request') });
  }
});

it('keeps answering ordinary requests afterwards', async () => {
  const response = await rawRequest(gateway.url, { method: 'GET', path: '/api/health' });
  expect(response.status).toBe(200);
});
