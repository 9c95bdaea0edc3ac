/** The demo fleet's incidents (seed 42, the repository catalog) as the demo gateways in these tests ingest them. */
import { loadCatalog } from '../../../src/catalog';
import { DemoSource } from '../../../src/sources/demo/DemoSource';
import type { DemoIncident } from '../../../src/sources/demo/incidents';
import { alertId, incidentId } from '../../../src/upstream/alertIngest';
import { REPO_CATALOG } from '../../support/gateway';
import { START } from './actionsGateway';

const MINUTE = 60_000;
const fleet = new DemoSource(42, loadCatalog(REPO_CATALOG).services);
/** Later than the gateway's first run at START, so the tests see each incident begin. */
const AFTER_START = START + 3_600_000;

/** Demo incidents of the next two weeks long enough (≥ 40 min) to work through, oldest first. */
export function upcomingDemoIncidents(): DemoIncident[] {
  return fleet
    .incidentsOverlapping({ from: AFTER_START, to: START + 14 * 86_400_000 })
    .filter((i) => i.start > AFTER_START && i.end - i.start >= 40 * MINUTE);
}

/** The first time after START when at least `count` demo incidents are open at once, and those incidents. */
export function overlappingDemoIncidents(count: number): { at: number; open: DemoIncident[] } {
  const incidents = fleet
    .incidentsOverlapping({ from: AFTER_START, to: START + 30 * 86_400_000 })
    .filter((i) => i.start > AFTER_START);
  for (const candidate of incidents) {
    const at = candidate.start + 1_000;
    const open = incidents.filter((i) => i.start <= at && at + 5 * MINUTE < i.end);
    if (open.length >= count) return { at, open };
  }
  throw new Error(`no ${count} overlapping demo incidents in 30 days`);
}

export const demoIds = (incident: DemoIncident) => ({
  alert: alertId('alertmanager', `demo:${incident.id}`),
  incident: incidentId('alertmanager', `demo:${incident.id}`),
});
