import { z } from 'zod';
import { BURN_WINDOWS, type BurnWindow } from '@opsdeck/contract';

/** Query fields the SLO query types read (slo, burn_rate, error_budget). */
export const sloQueryFields = {
  sloId: z.string({ error: 'expected a string' }).max(200).optional(),
  burnWindows: z
    .string({ error: 'expected a string' })
    .max(200)
    .refine((value) => value === '' || value === '*' || value.split(',').every((w) => isBurnWindow(w.trim())), {
      error: `expected a comma list of ${BURN_WINDOWS.join(', ')}`,
    })
    .optional(),
};

function isBurnWindow(value: string): value is BurnWindow {
  return (BURN_WINDOWS as readonly string[]).includes(value);
}

/** The windows a burn_rate query charts: all of them unless narrowed. */
export function selectedBurnWindows(value: string | undefined): BurnWindow[] {
  if (!value || value === '*') return [...BURN_WINDOWS];
  const wanted = new Set(value.split(',').map((w) => w.trim()));
  return BURN_WINDOWS.filter((w) => wanted.has(w));
}
