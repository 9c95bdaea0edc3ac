import { type FastifyInstance } from 'fastify';
import { type ServicesResponse } from '@opsdeck/contract';
import { type Catalog } from '../catalog';

/** GET /api/services: the catalog with its team and region lists (dashboard variables read these). */
export function servicesRoute(app: FastifyInstance, catalog: Catalog): void {
  app.get('/api/services', async (): Promise<ServicesResponse> => ({
    services: catalog.services,
    teams: catalog.teams,
    regions: catalog.regions,
  }));
}
