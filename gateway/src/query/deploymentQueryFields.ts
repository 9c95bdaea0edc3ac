import { z } from 'zod';
import { SUSPECT_METRICS } from '@opsdeck/contract';

/** Query fields the deployment query types read (deployments, dora, suspect_deploys). */
export const deploymentQueryFields = {
  environment: z.string({ error: 'expected a string' }).max(200).optional(),
  doraGroupBy: z.enum(['service', 'team'], { error: 'expected service or team' }).optional(),
  suspectMetric: z.enum(SUSPECT_METRICS, { error: `expected one of ${SUSPECT_METRICS.join(', ')}` }).optional(),
};
