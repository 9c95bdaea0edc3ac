/**
 * Which source answers "who is on call": PagerDuty when configured, else Opsgenie, else JSM Operations, else the
 * demo roster in demo mode, otherwise none. Opsgenie comes before JSM because a team moving between them has both
 * configured for a while with the same roster, and Opsgenie names people by username (their email), where JSM gives
 * account ids only: the email is what "you are on call" matches. GET /api/oncall and the watcher read through this.
 */
import type { CatalogService, OnCallResponse } from '@opsdeck/contract';
import type { JsmClient } from '../../sources/jsm/client';
import { jsmOnCall } from '../../sources/jsm/onCall';
import type { OpsgenieClient } from '../../sources/opsgenie/client';
import { opsgenieOnCall } from '../../sources/opsgenie/onCall';
import type { PagerDutyClient } from '../../sources/pagerduty/client';
import { demoOnCall } from './demoRoster';
import { pagerDutyOnCall } from './pagerdutyOnCall';

export interface OnCallSources {
  pagerduty?: PagerDutyClient;
  opsgenie?: OpsgenieClient;
  jsm?: JsmClient;
  demo: boolean;
  catalog: CatalogService[];
}

export type OnCallRead = (now: number) => Promise<OnCallResponse>;

export function onCallReaderFor(sources: OnCallSources): OnCallRead {
  const { pagerduty, opsgenie, jsm, catalog } = sources;
  if (pagerduty) return (now) => pagerDutyOnCall(pagerduty, catalog, now);
  if (opsgenie) return (now) => opsgenieOnCall(opsgenie, catalog, now);
  if (jsm) return (now) => jsmOnCall(jsm, catalog, now);
  if (sources.demo) return async (now) => demoOnCall(catalog, now);
  return async (now) => ({ provider: 'none', generatedAt: now, policies: [] });
}
