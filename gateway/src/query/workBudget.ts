/**
 * What one POST /api/query may cost, counted while it is answered. 50 queries × every service × 11,000 points is
 * millions of points, seconds of work and a response of hundreds of MB; the budget stops a request at a size a
 * browser still draws. A point is one value of a frame: a sample of a series, a cell of an event row.
 *
 * Queries run side by side, so a query sets aside what it expects before it starts (in the order of the request)
 * and books what it really answers as it goes: the first queries that fit are answered whole, and the one that
 * does not fit gets an error naming the limit, instead of every query running out halfway.
 */

/** A 50-panel dashboard of 8-service graphs is 400 series; this leaves room for catalogs of a few hundred services. */
export const MAX_SERIES_PER_REQUEST = 2_000;
/**
 * 90 series of 11,000 points: measured (gateway/bench/hardening.ts) at about 1.5 s of work, 27 MB of JSON and 250 MB of
 * RSS for 50 fleet-wide graphs over 455 days, /api/health answering throughout.
 */
export const MAX_POINTS_PER_REQUEST = 1_000_000;

export interface Work {
  series: number;
  points: number;
}

/** One query's share: `book` each series (or table) it answers, with its number of points. */
export interface WorkAllowance {
  book(points: number): void;
}

export class WorkLimitError extends Error {
  override readonly name = 'WorkLimitError';
}

const count = (n: number) => n.toLocaleString('en-US');

export class WorkBudget {
  private readonly used: Work = { series: 0, points: 0 };

  constructor(private readonly limits: Work = { series: MAX_SERIES_PER_REQUEST, points: MAX_POINTS_PER_REQUEST }) {}

  /** Sets `expected` aside for one query; throws WorkLimitError, taking nothing, when it does not fit. */
  allow(expected: Work): WorkAllowance & { release(): void } {
    this.take(expected);
    const left: Work = { ...expected };
    return {
      book: (points) => {
        // Beyond what was set aside, the rest comes out of what the request has left.
        this.take({ series: left.series >= 1 ? 0 : 1, points: Math.max(0, points - left.points) });
        left.series = Math.max(0, left.series - 1);
        left.points = Math.max(0, left.points - points);
      },
      release: () => {
        this.used.series -= left.series;
        this.used.points -= left.points;
        left.series = 0;
        left.points = 0;
      },
    };
  }

  private take(work: Work): void {
    const series = this.used.series + work.series;
    const points = this.used.points + work.points;
    if (series > this.limits.series) {
      throw new WorkLimitError(
        `request budget: one request answers at most ${count(this.limits.series)} series and this query would make it ${count(series)}; ask for fewer queries or services`
      );
    }
    if (points > this.limits.points) {
      throw new WorkLimitError(
        `request budget: one request answers at most ${count(this.limits.points)} points and this query would make it ${count(points)}; ask for fewer queries or services, or a lower maxDataPoints`
      );
    }
    this.used.series = series;
    this.used.points = points;
  }
}
