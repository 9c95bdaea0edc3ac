import { randomStream, unitRandom } from './random';

const MINUTE_MS = 60_000;
/** Any day-long window holds a whole bucket, hence a whole episode: "over any day one service pages". */
export const EPISODE_BUCKET_MS = 12 * 3_600_000;
const MIN_EPISODE_MS = 70 * MINUTE_MS;
const MAX_EPISODE_MS = 90 * MINUTE_MS;
/**
 * Burn rates the two roles hold. 16× is above the Workbook's page threshold (14.4 on 1h and 5m), so the page fires
 * about 54 minutes into an episode and clears within 5 minutes of its end; 1.4× is under every page and the 1d
 * ticket threshold but over the 3d & 6h one (1), so the slow burner holds a ticket open and its budget drains.
 */
export const FAST_BURN_RATE = 16;
export const SLOW_BURN_RATE = 1.4;

export type BurnRole = 'fast' | 'slow';

/**
 * Which demo services burn their error budget: the fast burner pages once per 12 hours, the slow burner raises a
 * ticket; the rest stay healthy. Chosen by rendezvous hashing like the incident schedule, so the roles stay put
 * when services are added elsewhere in the catalog. A catalog of one service has only the fast burner.
 */
export function burnRoles(seed: number, serviceNames: readonly string[]): Map<string, BurnRole> {
  const ranked = [...serviceNames].sort(
    (a, b) => unitRandom(seed, 'budget-burn', b) - unitRandom(seed, 'budget-burn', a) || a.localeCompare(b)
  );
  const roles = new Map<string, BurnRole>();
  if (ranked[0]) roles.set(ranked[0], 'fast');
  if (ranked[1]) roles.set(ranked[1], 'slow');
  return roles;
}

/** The fast burner's episode in the 12-hour bucket holding `t`: [start, end). */
export function burnEpisode(seed: number, service: string, t: number): { start: number; end: number } {
  const bucket = Math.floor(t / EPISODE_BUCKET_MS);
  const next = randomStream(seed, 'burn-episode', service, bucket);
  const duration = MIN_EPISODE_MS + Math.floor(next() * (MAX_EPISODE_MS - MIN_EPISODE_MS));
  const start = bucket * EPISODE_BUCKET_MS + Math.floor(next() * (EPISODE_BUCKET_MS - duration));
  return { start, end: start + duration };
}

/** The burn rate a role imposes at `t`, or undefined when the service runs on its usual baseline then. */
export function imposedBurnRate(
  role: BurnRole | undefined,
  seed: number,
  service: string,
  t: number
): number | undefined {
  if (role === 'slow') return SLOW_BURN_RATE;
  if (role === 'fast') {
    const episode = burnEpisode(seed, service, t);
    return t >= episode.start && t < episode.end ? FAST_BURN_RATE : undefined;
  }
  return undefined;
}
