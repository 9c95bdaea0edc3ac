/**
 * The Schedule and Who-is-on-call parts of the Opsgenie fake, in the documented shapes
 * (docs.opsgenie.com/docs/schedule-api, /who-is-on-call-api): GET /v2/schedules lists `{data: [schedule]}`; GET
 * /v2/schedules/{id}/on-calls and …/next-on-calls answer `{data: {_parent, …}}`, with `flat=true` as lists of
 * usernames (onCallRecipients; exactNextOnCallRecipients, nextOnCallRecipients), otherwise as participant objects.
 * Tests set who is on call now and next per schedule; every request is recorded by the server.
 */
import type { RestRequest, RestResponse } from '../rest/restFakeServer';

export interface FakeOpsgenieSchedule {
  id: string;
  name: string;
  enabled: boolean;
  timezone?: string;
  ownerTeam?: { id: string; name: string };
  /** Usernames (emails) on call now, and next. */
  onCall: string[];
  next: string[];
}

export class OpsgenieSchedules {
  readonly schedules: FakeOpsgenieSchedule[] = [];

  add(schedule: Partial<FakeOpsgenieSchedule> & Pick<FakeOpsgenieSchedule, 'id' | 'name'>): FakeOpsgenieSchedule {
    const full: FakeOpsgenieSchedule = { enabled: true, onCall: [], next: [], ...schedule };
    this.schedules.push(full);
    return full;
  }

  /** Answers a /v2/schedules… request (`parts` = the path's segments). */
  handle(request: RestRequest, parts: string[], requestId: string): RestResponse {
    if (request.method !== 'GET') return notFound(requestId);
    if (parts.length === 2) {
      return {
        status: 200,
        body: { data: this.schedules.map(wireSchedule), expandable: ['rotation'], took: 0.01, requestId },
      };
    }
    const byName = request.query.get('scheduleIdentifierType') === 'name';
    const id = decodeURIComponent(parts[2]);
    const schedule = this.schedules.find((s) => (byName ? s.name === id : s.id === id));
    if (!schedule) return { status: 404, body: { message: 'No schedule exists with identifier', took: 0, requestId } };
    const flat = request.query.get('flat') === 'true';
    const parent = { id: schedule.id, name: schedule.name, enabled: schedule.enabled };
    if (parts.length === 4 && parts[3] === 'on-calls') {
      const data = flat
        ? { _parent: parent, onCallRecipients: schedule.onCall }
        : { _parent: parent, onCallParticipants: schedule.onCall.map(participant) };
      return { status: 200, body: { data, took: 0.01, requestId } };
    }
    if (parts.length === 4 && parts[3] === 'next-on-calls') {
      const data = flat
        ? { _parent: parent, exactNextOnCallRecipients: schedule.next, nextOnCallRecipients: schedule.next }
        : {
            _parent: parent,
            exactNextOnCallRecipients: schedule.next.map(participant),
            nextOnCallRecipients: schedule.next.map(participant),
          };
      return { status: 200, body: { data, took: 0.01, requestId } };
    }
    return notFound(requestId);
  }
}

function wireSchedule(s: FakeOpsgenieSchedule) {
  return {
    id: s.id,
    name: s.name,
    description: '',
    timezone: s.timezone ?? 'Europe/Istanbul',
    enabled: s.enabled,
    ...(s.ownerTeam ? { ownerTeam: s.ownerTeam } : {}),
    rotations: [],
  };
}

function participant(username: string) {
  return { id: `user-${username}`, name: username, type: 'user' };
}

function notFound(requestId: string): RestResponse {
  return { status: 404, body: { message: 'Not found', took: 0, requestId } };
}
