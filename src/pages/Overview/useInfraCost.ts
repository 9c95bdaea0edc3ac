import { type GatewayClient, toDataFrame, useGatewayQuery } from '@/api';
import { framesOf, type InfraCost, infraCostRequests, readInfraCost } from './infraCost';

export interface InfraCostState {
  figures?: InfraCost;
  /** Set when the last load failed or some figure could not be answered; the figures that did load stay shown. */
  error?: string;
  loading: boolean;
}

async function loadInfraCost(client: GatewayClient): Promise<{ figures: InfraCost; error?: string }> {
  const requests = infraCostRequests(Date.now());
  const answers = await Promise.all([client.query(requests.cost), client.query(requests.infra)]);
  const { frames, errors } = framesOf(answers, toDataFrame);
  return { figures: readInfraCost(frames), error: errors.length > 0 ? errors.join('; ') : undefined };
}

/** Cost moves by the day and the gateway caches it for hours: every 30 s is plenty. */
export const INFRA_COST_REFRESH_MS = 30_000;

/** Infrastructure health and cost at a glance, reloaded every 30 s. */
export function useInfraCost(client: GatewayClient): InfraCostState {
  const { data, error, loading } = useGatewayQuery(client, loadInfraCost, { pollMs: INFRA_COST_REFRESH_MS });
  return { figures: data?.figures, error: error ?? data?.error, loading };
}
