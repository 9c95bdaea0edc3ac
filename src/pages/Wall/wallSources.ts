import { type QueryRequest, type SloResponse } from '@opsdeck/contract';
import { type GatewayClient, opsdeckMeta, toDataFrame } from '@/api';
import { type FleetHealth, readFleetHealth } from '@/pages/Overview/fleetHealth';

const WINDOW_MS = 60 * 60 * 1000;
const REF_ID = 'wall';

/** fleet_health as the Wall reads it, with the oldest `meta.custom.stale` of its frames (an upstream that failed). */
export interface WallFleet {
  health: FleetHealth;
  upstreamStale?: { since: number; reason: string };
}

export interface WallSources {
  fleet(now: number): Promise<WallFleet>;
  slo(): Promise<SloResponse>;
}

export function gatewaySources(client: GatewayClient): WallSources {
  return {
    async fleet(now) {
      const request: QueryRequest = {
        range: { from: now - WINDOW_MS, to: now },
        queries: [{ refId: REF_ID, queryType: 'fleet_health' }],
      };
      const result = (await client.query(request)).results[REF_ID];
      if (!result) {
        throw new Error('The gateway answered without a fleet_health result.');
      }
      if (result.error) {
        throw new Error(result.error);
      }
      const frames = (result.frames ?? []).map(toDataFrame);
      let upstreamStale: WallFleet['upstreamStale'];
      for (const frame of frames) {
        const stale = opsdeckMeta(frame)?.stale;
        if (stale && (!upstreamStale || stale.since < upstreamStale.since)) {
          upstreamStale = stale;
        }
      }
      return { health: readFleetHealth(frames), upstreamStale };
    },
    slo: () => client.slo(),
  };
}
