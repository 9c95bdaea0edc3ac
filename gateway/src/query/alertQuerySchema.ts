import { z } from 'zod';
import { ALERT_GROUP_BYS, ALERT_STATUSES, ALERT_VIEWS, FATIGUE_VIEWS, STATUS_ALL } from '@opsdeck/contract';

const filter = z.string({ error: 'expected a string' }).max(2000).optional();
const STATUS_WORDS = ['open', STATUS_ALL, '*', ...ALERT_STATUSES];

/** Fields of the open_alerts, alert_rate, mtta and alert_fatigue queries (see OpsdeckQuery in the contract). */
export const alertQueryFields = {
  severity: filter,
  alertSource: filter,
  alertStatus: filter.refine(
    (value) =>
      value === undefined ||
      value
        .replace(/^\{(.*)\}$/, '$1')
        .split(',')
        .map((s) => s.trim())
        .every((s) => s === '' || STATUS_WORDS.includes(s)),
    { error: `expected open, all or a comma list of ${ALERT_STATUSES.join(', ')}` }
  ),
  alertView: z.enum(ALERT_VIEWS, { error: `expected ${ALERT_VIEWS.join(' or ')}` }).optional(),
  alertGroupBy: z.enum(ALERT_GROUP_BYS, { error: `expected one of ${ALERT_GROUP_BYS.join(', ')}` }).optional(),
  fatigueView: z.enum(FATIGUE_VIEWS, { error: `expected ${FATIGUE_VIEWS.join(' or ')}` }).optional(),
};
