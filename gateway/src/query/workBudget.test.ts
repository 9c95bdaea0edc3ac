import fc from 'fast-check';
import { WorkBudget, WorkLimitError } from './workBudget';

describe('WorkBudget', () => {
  it('answers the queries that fit, in the order they asked, and refuses the next naming the limit', () => {
    const budget = new WorkBudget({ series: 100, points: 1000 });
    const first = budget.allow({ series: 2, points: 600 });
    expect(() => budget.allow({ series: 1, points: 500 })).toThrow(
      'request budget: one request answers at most 1,000 points and this query would make it 1,100; ask for fewer queries or services, or a lower maxDataPoints'
    );
    const small = budget.allow({ series: 1, points: 400 });
    first.book(300);
    first.book(300);
    small.book(400);
    expect(() => budget.allow({ series: 1, points: 1 })).toThrow(WorkLimitError);
  });

  it('books beyond what was set aside from what is left, and gives back what went unused', () => {
    const budget = new WorkBudget({ series: 3, points: 100 });
    const events = budget.allow({ series: 0, points: 0 });
    events.book(60);
    expect(() => events.book(50)).toThrow(/at most 100 points/);
    const other = budget.allow({ series: 1, points: 40 });
    other.release();
    budget.allow({ series: 1, points: 40 });
    budget.allow({ series: 1, points: 0 });
    expect(() => budget.allow({ series: 1, points: 0 })).toThrow(/at most 3 series and this query would make it 4/);
  });

  it('never lets the booked points pass the limit, whatever the queries ask and book (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            expected: fc.integer({ min: 0, max: 400 }),
            booked: fc.array(fc.integer({ min: 0, max: 300 }), { maxLength: 5 }),
          }),
          { maxLength: 20 }
        ),
        (queries) => {
          const budget = new WorkBudget({ series: 50, points: 1000 });
          let booked = 0;
          for (const query of queries) {
            try {
              const allowance = budget.allow({ series: 1, points: query.expected });
              for (const points of query.booked) {
                allowance.book(points);
                booked += points;
              }
            } catch (error) {
              expect(error).toBeInstanceOf(WorkLimitError);
            }
          }
          expect(booked).toBeLessThanOrEqual(1000);
        }
      )
    );
  });
});
