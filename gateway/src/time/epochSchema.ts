/** The epoch.ts rules as zod schemas, for the request bodies validated with zod (POST /api/query, maintenance). */
import { z } from 'zod';
import { epochMsProblem, wholeNumberProblem, type WholeNumberBounds } from './epoch';

function refinedNumber(expected: string, problem: (value: number) => string | undefined) {
  return z.number({ error: expected }).superRefine((value, context) => {
    const message = problem(value);
    if (message) context.addIssue({ code: 'custom', message });
  });
}

/** Epoch milliseconds between 1970-01-01 and 2100-01-01, whole. */
export function epochMsSchema() {
  return refinedNumber('expected epoch milliseconds (a whole number)', epochMsProblem);
}

/** A whole number in [min, max]. */
export function wholeNumberSchema(bounds: WholeNumberBounds) {
  return refinedNumber(`expected a whole number from ${bounds.min} to ${bounds.max}`, (value) =>
    wholeNumberProblem(value, bounds)
  );
}
