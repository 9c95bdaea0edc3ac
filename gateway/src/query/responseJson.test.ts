import fc from 'fast-check';
import { type QueryResponse } from '@opsdeck/contract';
import { queryResponseJson } from './responseJson';

async function text(response: QueryResponse): Promise<string> {
  let out = '';
  for await (const piece of queryResponseJson(response)) out += piece;
  return out;
}

const frame = (points: number) => ({
  schema: { name: 'checkout-api', refId: 'A', fields: [{ name: 'time', type: 'time' as const }] },
  data: { values: [Array.from({ length: points }, (_, i) => 1_700_000_000_000 + i * 60_000)] },
});

describe('queryResponseJson', () => {
  it('writes the same JSON as JSON.stringify, for answers large and small', async () => {
    const big: QueryResponse = { results: { A: { frames: [frame(40_000), frame(40_000), frame(3)] } } };
    expect(await text(big)).toBe(JSON.stringify(big));
    const mixed: QueryResponse = { results: { A: { frames: [] }, 'B "x"': { error: 'range: too long' } } };
    expect(await text(mixed)).toBe(JSON.stringify(mixed));
    expect(await text({ results: {} })).toBe('{"results":{}}');
  });

  it('is JSON.stringify for any mix of frames and errors (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.string(),
          fc.oneof(
            fc.record({ error: fc.string() }),
            fc.record({ frames: fc.array(fc.integer({ min: 0, max: 50 }).map(frame), { maxLength: 4 }) })
          )
        ),
        async (results) => {
          const response = { results } as QueryResponse;
          expect(await text(response)).toBe(JSON.stringify(response));
        }
      ),
      { numRuns: 100 }
    );
  });
});
