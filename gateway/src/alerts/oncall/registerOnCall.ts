/**
 * Wires on-call into the app: GET /api/oncall and the watcher that emits `oncall.changed` (run by the incident poll
 * loop, so it follows OPSDECK_INCIDENT_POLL_SECONDS and tests drive it with `polling.runOnce()`).
 */
import type { FastifyInstance } from 'fastify';
import type { CatalogService } from '@opsdeck/contract';
import type { IncidentSettings } from '../../config/types';
import type { JsmClient } from '../../sources/jsm/client';
import type { OpsgenieClient } from '../../sources/opsgenie/client';
import { parseFromByUser } from '../../sources/pagerduty/actionProvider';
import type { PagerDutyClient } from '../../sources/pagerduty/client';
import type { Store } from '../../store';
import { demoLoginEmails } from './demoRoster';
import { onCallReaderFor } from './onCallReader';
import { OnCallWatcher } from './onCallWatcher';
import { emailByLogin } from './onCallYou';
import { oncallRoute } from './oncallRoute';

export interface OnCallDeps {
  pagerduty?: PagerDutyClient;
  opsgenie?: OpsgenieClient;
  jsm?: JsmClient;
  demo: boolean;
  catalog: CatalogService[];
  settings: Pick<IncidentSettings, 'oncallEmailByUser' | 'pagerdutyFromByUser'>;
  store: Pick<Store, 'db'>;
  clock: () => number;
  notify: () => void;
}

export function registerOnCall(app: FastifyInstance, deps: OnCallDeps): OnCallWatcher {
  const read = onCallReaderFor(deps);
  const configured = emailByLogin(
    parseFromByUser(deps.settings.oncallEmailByUser),
    parseFromByUser(deps.settings.pagerdutyFromByUser)
  );
  const withDemo = emailByLogin(configured, demoLoginEmails(deps.catalog));
  oncallRoute(app, {
    read,
    emails: (provider) => (provider === 'demo' ? withDemo : configured),
    clock: deps.clock,
  });
  return new OnCallWatcher({ read, store: deps.store, clock: deps.clock, notify: deps.notify });
}
