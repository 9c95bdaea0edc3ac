// Demo deploys cause some of the demo incidents: an incident that starts minutes after a deploy of its service ends
// makes that deploy the first suspect of GET /api/deployments/suspects, on the gateway the demo serves.
import type { CatalogService, SuspectDeploysResponse } from '@opsdeck/contract';
import { loadCatalog } from '../../src/catalog';
import { DemoSource } from '../../src/sources/demo';
import { demoDeploymentId } from '../../src/sources/demo/demoDeployments';
import type { DemoIncident } from '../../src/sources/demo/incidents';
import { REPO_CATALOG, startTestGateway, type TestGateway } from '../support/gateway';
import { call } from './http';

jest.setTimeout(60_000);

const MINUTE = 60_000;
const DAY = 86_400_000;
const SEED = 42;
const now = Math.floor(Date.now() / MINUTE) * MINUTE;
const catalog = loadCatalog(REPO_CATALOG);
let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway({ seed: SEED, clock: () => now });
});
afterAll(async () => {
  await gateway?.close();
});

/** Deploy-caused incidents of the last two weeks (inside the stored deploy history), alone in the two hours before them. */
function deployCausedIncidents(): Array<{ incident: DemoIncident; service: CatalogService }> {
  const fleet = new DemoSource(SEED, catalog.services);
  const all = fleet.incidentsOverlapping({ from: now - 14 * DAY, to: now - 2 * 3_600_000 });
  return all
    .filter((incident) => incident.causedBy !== undefined)
    .filter((incident) =>
      all.every(
        (other) => other === incident || other.end < incident.start - 2 * 3_600_000 || other.start > incident.end
      )
    )
    .map((incident) => ({ incident, service: catalog.services.find((s) => s.name === incident.service)! }));
}

test('a share of the week’s demo incidents follow a deploy of their service by a few minutes', () => {
  const week = new DemoSource(SEED, catalog.services).incidentsOverlapping({ from: now - 7 * DAY, to: now });
  const caused = week.filter((incident) => incident.causedBy !== undefined);
  expect(caused.length).toBeGreaterThanOrEqual(5);
  expect(caused.length).toBeLessThan(week.length / 2);
});

test('the suspect ranking puts the causing deploy first, with the incident that followed it', async () => {
  const cases = deployCausedIncidents();
  expect(cases.length).toBeGreaterThanOrEqual(5);
  for (const { incident, service } of cases) {
    const from = incident.start - 90 * MINUTE;
    const to = incident.start + 20 * MINUTE;
    const { status, body } = await call<SuspectDeploysResponse>(
      gateway,
      `/api/deployments/suspects?service=${service.name}&metric=error_rate&from=${from}&to=${to}`
    );
    expect(status).toBe(200);
    // The error rate steps up when the incident starts, and the deploy that ended minutes before is the one to blame.
    expect(Math.abs(body.jump!.at - incident.start)).toBeLessThanOrEqual(2 * MINUTE);
    expect({ incident: incident.id, top: body.suspects[0]?.deployment.id }).toEqual({
      incident: incident.id,
      top: demoDeploymentId({ id: incident.causedBy! }),
    });
    expect(body.suspects[0]!.evidence).toMatchObject({ ownService: true });
    expect(body.suspects[0]!.evidence.minutesBeforeJump).toBeLessThan(10);
    // The stored incident (the alert store's, as on every page) is part of the evidence.
    expect(body.suspects[0]!.evidence.incidentMinutesAfter).toBeLessThan(10);
  }
});
