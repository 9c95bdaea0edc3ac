import { z } from 'zod';
import { SLO_WINDOW_DAYS, type SloObjective, type SloSli, type SloWindowDays } from '@opsdeck/contract';

/** Rolling windows an objective may use (the contract's list). 28 days holds whole weeks; 30 is the default. */
export const WINDOW_DAYS = SLO_WINDOW_DAYS;
export type WindowDays = SloWindowDays;
export const DEFAULT_WINDOW_DAYS: WindowDays = 30;

/** Percentiles do not add up across intervals: a latency-percentile SLI counts each interval once, whatever its traffic. */
export type Sli = SloSli;
export type Objective = SloObjective;

const targetError = 'expected a number between 0 and 1 (exclusive), e.g. 0.999';
const thresholdMs = z
  .number({ error: 'expected milliseconds' })
  .positive({ error: 'expected milliseconds > 0' })
  .finite({ error: 'expected milliseconds > 0' });

const sliSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('availability') }),
    z.strictObject({ kind: z.literal('latency'), thresholdMs }),
    z.strictObject({ kind: z.literal('latency-percentile'), thresholdMs }),
  ],
  { error: 'expected kind availability, latency or latency-percentile' }
);

/** Strict like the catalog's schemas: a misspelt `windowDay` must not silently fall back to 30 days. */
export const objectiveSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'expected a lower-case id of letters, digits and dashes' }),
  sli: sliSchema,
  target: z.number({ error: targetError }).gt(0, { error: targetError }).lt(1, { error: targetError }),
  windowDays: z
    .union(
      WINDOW_DAYS.map((days) => z.literal(days)),
      { error: `expected ${WINDOW_DAYS.join(', ')} days` }
    )
    .default(DEFAULT_WINDOW_DAYS),
});

export type ObjectiveCheck = { ok: true; objective: Objective } | { ok: false; field: string; detail: string };

/** Validates one objective; on failure names the field (e.g. `sli.thresholdMs`) the way CatalogError does. */
export function checkObjective(input: unknown): ObjectiveCheck {
  const result = objectiveSchema.safeParse(input);
  if (result.success) {
    return { ok: true, objective: result.data };
  }
  const issue = result.error.issues[0];
  const segments = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
  const field = segments.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return { ok: false, field, detail: 'unknown field' };
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return { ok: false, field, detail: 'missing' };
  }
  return { ok: false, field, detail: issue.message };
}
