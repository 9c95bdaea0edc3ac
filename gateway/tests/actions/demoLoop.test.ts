/**
 * The demo as a working system, through the HTTP API of a demo gateway with a movable clock: one demo incident worked
 * from trigger to post-mortem (ack, note, snooze at the Alertmanager stand-in until the silence expires, resolve and
 * the re-fire while the condition holds), each step checked in the answer, the stored alert/incident and the
 * timeline entry with the Grafana user.
 */
import {
  GRAFANA_USER_HEADER,
  WRITE_ROLE_HEADER,
  actionPath,
  postmortemPath,
  type Alert,
  type TimelineEntry,
} from '@opsdeck/contract';
import { startActionsGateway, type ActionsGateway, type JsonBody } from './support/actionsGateway';
import { demoIds, upcomingDemoIncidents } from './support/demoFleet';

const MINUTE = 60_000;
const USER = 'maria';

describe('the demo loop: trigger → ack → note → snooze → resolve → post-mortem', () => {
  let gw: ActionsGateway;
  const [incident] = upcomingDemoIncidents();
  const ids = demoIds(incident);

  const at = async (offset: number) => {
    gw.clock.now = incident.start + offset;
    await gw.app.demoAlerts!.ingester.runOnce();
  };
  const alertNow = async (): Promise<Alert> => (await gw.read(`/api/alerts/${ids.alert}`)).body.alert;
  const timeline = async (): Promise<TimelineEntry[]> =>
    (await gw.read(`/api/incidents/${ids.incident}`)).body.incident.timeline;
  const lastEntry = async () => (await timeline()).at(-1);
  const act = (action: Parameters<typeof actionPath>[2], body: unknown = {}) =>
    gw.write(actionPath('alert', ids.alert, action), body, { user: USER });

  beforeAll(async () => {
    gw = await startActionsGateway({}, true);
  });
  afterAll(() => gw?.close());

  it('fires when the demo incident starts', async () => {
    await at(30_000);
    expect(await alertNow()).toMatchObject({ status: 'firing', source: 'alertmanager', labels: { demo: 'true' } });
    expect(await lastEntry()).toMatchObject({ kind: 'triggered', actor: 'Alertmanager' });
  });

  it('acknowledges, held by Opsdeck', async () => {
    gw.clock.now = incident.start + MINUTE;
    const { status, body } = await act('acknowledge', { comment: 'looking' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ outcome: 'done', provider: 'opsdeck', user: USER, alert: { status: 'acknowledged' } });
    expect(await alertNow()).toMatchObject({ status: 'acknowledged' });
    expect(await lastEntry()).toMatchObject({ kind: 'acknowledged', actor: USER });
  });

  it('takes a note', async () => {
    const { status, body } = await act('note', { text: 'rollback started' });
    expect([status, body.outcome]).toEqual([200, 'done']);
    expect(await lastEntry()).toMatchObject({ kind: 'note', actor: USER, text: 'rollback started' });
  });

  it('snoozes as a silence that mutes the alert until it expires, then fires again', async () => {
    gw.clock.now = incident.start + 90_000;
    const until = incident.start + 3 * MINUTE;
    const { status, body } = await act('snooze', { until });
    expect(status).toBe(200);
    expect(body).toMatchObject({ outcome: 'done', provider: 'alertmanager', alert: { status: 'suppressed' } });
    const silence = gw.app.demoAlerts!.alertmanager.listSilences(gw.clock.now)[0];
    expect(silence).toMatchObject({
      id: body.upstreamRef,
      startsAt: gw.clock.now,
      endsAt: until,
      createdBy: USER,
      status: { state: 'active' },
    });
    expect(silence.matchers).toEqual(
      expect.arrayContaining([{ name: 'service', value: incident.service, isRegex: false, isEqual: true }])
    );
    expect(silence.comment).toContain('Snoozed from Opsdeck');
    expect(await lastEntry()).toMatchObject({
      kind: 'note',
      actor: USER,
      text: expect.stringContaining('Snoozed until'),
    });

    await at(2 * MINUTE);
    expect((await alertNow()).status).toBe('suppressed');

    await at(3 * MINUTE + 1_000);
    expect(gw.app.demoAlerts!.alertmanager.listSilences(gw.clock.now)[0].status.state).toBe('expired');
    expect(await alertNow()).toMatchObject({ status: 'firing', startsAt: incident.start });
    expect(await lastEntry()).toMatchObject({ kind: 'triggered', text: expect.stringContaining('expired') });
  });

  it('resolves, and the next evaluation fires it again as a new episode while the condition holds', async () => {
    gw.clock.now = incident.start + 4 * MINUTE;
    const { status, body } = await act('resolve', { comment: 'rolled back' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ outcome: 'done', provider: 'alertmanager', alert: { status: 'resolved' } });
    expect(await lastEntry()).toMatchObject({ kind: 'resolved', actor: USER });
    const incidentAfter = (await gw.read(`/api/incidents/${ids.incident}`)).body.incident;
    expect(incidentAfter.status).toBe('resolved');

    await at(4 * MINUTE + 15_000);
    expect(await alertNow()).toMatchObject({ status: 'firing', startsAt: incident.start + 4 * MINUTE + 15_000 });
    expect(await lastEntry()).toMatchObject({ kind: 'triggered', text: 'Fires again: the condition still holds' });
    expect((await gw.read(`/api/incidents/${ids.incident}`)).body.incident.status).toBe('triggered');
  });

  it('stays resolved once the condition ends, and takes a post-mortem draft', async () => {
    gw.clock.now = incident.start + 5 * MINUTE;
    expect((await act('resolve')).status).toBe(200);
    await at(incident.end - incident.start + MINUTE);
    expect((await alertNow()).status).toBe('resolved');

    const entries = await timeline();
    const actors = entries.filter((e) => e.actor === USER).map((e) => e.kind);
    expect(actors).toEqual(['acknowledged', 'note', 'note', 'resolved', 'resolved']);
    const markdown = `# ${incident.id}\n\n${entries.map((e) => `- ${e.kind} by ${e.actor}`).join('\n')}`;
    const put = await fetch(`${gw.url}${postmortemPath(ids.incident)}`, {
      method: 'PUT',
      headers: writeHeaders(gw),
      body: JSON.stringify({ markdown }),
    });
    expect(put.status).toBe(200);
    const read: JsonBody = (await gw.read(postmortemPath(ids.incident))).body;
    expect(read.postmortem).toMatchObject({ markdown, updatedBy: USER });
  });
});

function writeHeaders(gw: ActionsGateway): Record<string, string> {
  return {
    authorization: `Bearer ${gw.token}`,
    'content-type': 'application/json',
    [WRITE_ROLE_HEADER]: gw.token,
    [GRAFANA_USER_HEADER]: USER,
  };
}
