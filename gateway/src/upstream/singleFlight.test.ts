import fc from 'fast-check';
import { SingleFlight } from './singleFlight';

describe('SingleFlight', () => {
  it('runs one upstream call for N concurrent identical requests', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: 1, maxLength: 50 }), async (keys) => {
        const flight = new SingleFlight<string>();
        const started: string[] = [];
        const results = await Promise.all(
          keys.map((k) =>
            flight.run(k, async () => {
              started.push(k);
              await new Promise((r) => setImmediate(r));
              return `value-${k}`;
            })
          )
        );
        expect(results).toEqual(keys.map((k) => `value-${k}`));
        expect(started.sort()).toEqual([...new Set(keys)].sort());
        expect(flight.size).toBe(0);
      })
    );
  });

  it('shares a failure, then lets the next request try again', async () => {
    const flight = new SingleFlight<number>();
    let calls = 0;
    const failing = () => {
      calls++;
      return Promise.reject(new Error('down'));
    };
    await expect(Promise.all([flight.run('k', failing), flight.run('k', failing)])).rejects.toThrow('down');
    expect(calls).toBe(1);
    await expect(flight.run('k', async () => ++calls)).resolves.toBe(2);
  });
});
