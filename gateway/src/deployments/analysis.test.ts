import path from 'node:path';
import { loadCatalog } from '../catalog';
import { ClientGoneError } from '../query/cooperative';
import { DemoSource } from '../sources';
import { computeDora, computeSuspects, type AnalysisDeps } from './analysis';
import type { DeploymentStore } from './store/deploymentStore';

const catalog = loadCatalog(path.resolve(__dirname, '../../../provisioning/opsdeck/services.yaml'));
const NOW = Date.UTC(2026, 10, 27, 14, 0);
const range = { from: NOW - 6 * 3_600_000, to: NOW };
const store = { listDeployments: async () => [] } as unknown as DeploymentStore;

function deps(signal?: AbortSignal): AnalysisDeps {
  return { deployments: store, sources: [new DemoSource(42, catalog.services)], signal };
}

describe('analysis for a client that has gone away', () => {
  it('stops at its first yield with ClientGoneError', async () => {
    const gone = AbortSignal.abort();
    await expect(computeDora(deps(gone), catalog.services, range, 'service')).rejects.toBeInstanceOf(ClientGoneError);
    await expect(computeSuspects(deps(gone), catalog.services[0]!, 'error_rate', range, 60_000)).rejects.toBeInstanceOf(
      ClientGoneError
    );
  });

  it('answers as before while the client is there', async () => {
    const dora = await computeDora(deps(new AbortController().signal), catalog.services, range, 'service');
    expect(dora.rows).toHaveLength(catalog.services.length);
    const suspects = await computeSuspects(deps(), catalog.services[0]!, 'error_rate', range, 60_000);
    expect(suspects.service).toBe(catalog.services[0]!.name);
  });
});
