/**
 * Issue 9, defect 3: no request may freeze the others. Against the BUILT gateway as its own process (production
 * speed, and a gateway that freezes cannot stall the test's own clock): the heaviest request the gateway allows of
 * each kind runs while another client asks GET /api/health every 50 ms; longer ranges are refused at once; a client
 * that leaves stops the work it asked for.
 */
import { type QueryResponse } from '@opsdeck/contract';
import { startBuiltGateway, type BuiltGateway } from '../support/builtGateway';

jest.setTimeout(120_000);

const TOKEN = 'work-caps-test-token-0123456789';

const DAY = 86_400_000;
/** "Well under a second" with room for a shared CI machine; the figures seen are printed. */
const HEALTH_LIMIT_MS = 1_000;

let gateway: BuiltGateway;
const now = Date.now();

beforeAll(async () => {
  gateway = await startBuiltGateway(TOKEN);
}, 120_000);

afterAll(async () => gateway?.stop());

const auth = () => ({ authorization: `Bearer ${TOKEN}` });

/** Long enough for any allowed request; an old gateway that spins gets its requests cut off here, not at 120 s. */
const REQUEST_TIMEOUT_MS = 60_000;

function post(body: unknown, signal: AbortSignal = AbortSignal.timeout(REQUEST_TIMEOUT_MS)) {
  return fetch(`${gateway.url}/api/query`, {
    method: 'POST',
    headers: { ...auth(), 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal,
  });
}

const fiftyQueries = (days: number, make: (i: number) => Record<string, unknown>) => ({
  range: { from: now - days * DAY, to: now },
  maxDataPoints: 11_000,
  queries: Array.from({ length: 50 }, (_, i) => ({ refId: `Q${i}`, service: '*', ...make(i) })),
});

/** Runs `work` while polling /api/health every 50 ms; the worst latency seen and how many polls answered. */
async function whileHealthPolled<T>(work: () => Promise<T>) {
  let worstMs = 0;
  let polls = 0;
  let running = true;
  const poller = (async () => {
    while (running) {
      const started = performance.now();
      const response = await fetch(`${gateway.url}/api/health`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      expect(response.status).toBe(200);
      await response.arrayBuffer();
      worstMs = Math.max(worstMs, performance.now() - started);
      polls++;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  const started = performance.now();
  const result = await work();
  const tookMs = performance.now() - started;
  running = false;
  await poller;
  return { result, tookMs, worstMs, polls };
}

function report(kind: string, run: { tookMs: number; worstMs: number; polls: number }) {
  console.log(
    `${kind}: ${run.tookMs.toFixed(0)} ms, worst /api/health ${run.worstMs.toFixed(0)} ms over ${run.polls} polls`
  );
}

async function queriesTotal(queryType: string, outcome: string): Promise<number> {
  const text = await (await fetch(`${gateway.url}/metrics`)).text();
  const line = new RegExp(`^opsdeck_queries_total\\{query_type="${queryType}",outcome="${outcome}"\\} (\\d+)`, 'm');
  return Number(line.exec(text)?.[1] ?? 0);
}

describe('the heaviest allowed request of each kind leaves /api/health answering', () => {
  it('service_metric × 50 over 455 days at 11,000 points: the first queries that fit, then the budget error', async () => {
    const run = await whileHealthPolled(async () => {
      const response = await post(fiftyQueries(455, () => ({ queryType: 'service_metric', metric: 'latency_p50' })));
      expect(response.status).toBe(200);
      return ((await response.json()) as QueryResponse).results;
    });
    report('service_metric ×50, 455 d', run);
    expect(run.worstMs).toBeLessThan(HEALTH_LIMIT_MS);
    const answered = Object.values(run.result).filter((r) => r.frames);
    // 8 services × 11,001 points per query: 11 queries fit in 1,000,000 points.
    expect(answered).toHaveLength(11);
    expect(answered.every((r) => r.frames!.length === 8)).toBe(true);
    expect(run.result.Q11.error).toMatch(/^request budget: one request answers at most 1,000,000 points/);
    expect(Object.keys(run.result).slice(0, 11)).toEqual(Array.from({ length: 11 }, (_, i) => `Q${i}`));
  });

  it('events × 50 over 455 days', async () => {
    const run = await whileHealthPolled(async () => {
      const response = await post(fiftyQueries(455, () => ({ queryType: 'events' })));
      return ((await response.json()) as QueryResponse).results;
    });
    report('events ×50, 455 d', run);
    expect(run.worstMs).toBeLessThan(HEALTH_LIMIT_MS);
    expect(run.result.Q0.frames).toHaveLength(1);
  });

  it.each([
    ['suspect_deploys ×50, 7 d', 7, 'suspect_deploys'],
    ['dora ×50, 455 d', 455, 'dora'],
  ])('%s', async (kind, days, queryType) => {
    const run = await whileHealthPolled(async () => {
      const response = await post(fiftyQueries(days, () => ({ queryType })));
      return ((await response.json()) as QueryResponse).results;
    });
    report(kind, run);
    expect(run.worstMs).toBeLessThan(HEALTH_LIMIT_MS);
    expect(run.result.Q0.frames).toHaveLength(1);
  });

  it.each([
    ['GET suspects, 7 d', `/api/deployments/suspects?service=checkout-api&from=${now - 7 * DAY}&to=${now}`],
    ['GET dora, 455 d', `/api/deployments/dora?from=${now - 455 * DAY}&to=${now}`],
  ])('%s', async (kind, path) => {
    const run = await whileHealthPolled(
      async () =>
        (await fetch(`${gateway.url}${path}`, { headers: auth(), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }))
          .status
    );
    report(kind, run);
    expect(run.result).toBe(200);
    expect(run.worstMs).toBeLessThan(HEALTH_LIMIT_MS);
  });
});

describe('ten-year ranges are refused at once', () => {
  it.each([
    ['/api/deployments/suspects?service=checkout-api', 'suspects allows at most 7 days'],
    ['/api/deployments/dora?groupBy=service', 'dora allows at most 455 days'],
  ])('GET %s: 400 naming the limit', async (path, limit) => {
    const started = performance.now();
    const response = await fetch(`${gateway.url}${path}&from=${now - 3650 * DAY}&to=${now}`, {
      headers: auth(),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain(limit);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('POST /api/query: every query an error naming its limit, answered at once', async () => {
    const started = performance.now();
    const response = await post(fiftyQueries(3650, () => ({ queryType: 'service_metric', metric: 'error_rate' })));
    const { results } = (await response.json()) as QueryResponse;
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(
      Object.values(results).every(
        (r) => r.error === 'range: range is 3650 days; service_metric allows at most 455 days'
      )
    ).toBe(true);
  });
});

describe('a client that disconnects', () => {
  it('stops the work it asked for: its queries end as aborted, not answered', async () => {
    const okBefore = await queriesTotal('dora', 'ok');
    const controller = new AbortController();
    const request = post(
      fiftyQueries(455, () => ({ queryType: 'dora' })),
      controller.signal
    );
    setTimeout(() => controller.abort(), 100);
    await expect(request).rejects.toThrow();
    // Every query stops at its next yield: all 50 are counted within a moment, most of them as aborted.
    const deadline = Date.now() + 5_000;
    let aborted = 0;
    let ok = 0;
    while (Date.now() < deadline) {
      aborted = await queriesTotal('dora', 'aborted');
      ok = (await queriesTotal('dora', 'ok')) - okBefore;
      if (aborted + ok >= 50) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    console.log(`disconnect after 100 ms: ${aborted} dora queries aborted, ${ok} answered`);
    expect(aborted + ok).toBe(50);
    expect(aborted).toBeGreaterThan(25);
    // And nothing keeps spinning: health answers at once.
    const started = performance.now();
    expect((await fetch(`${gateway.url}/api/health`)).status).toBe(200);
    expect(performance.now() - started).toBeLessThan(HEALTH_LIMIT_MS);
  });
});
