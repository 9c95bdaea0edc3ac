import { act, render, screen, within } from '@testing-library/react';
import axe from 'axe-core';
import { GatewayClient } from '@/api';
import { fakeFetch } from '@/api/testing';
import { fakeEventSources } from '@/api/testingEventSource';
import { testIds } from '@/components/testIds';
import { type OnCallResponse } from '@opsdeck/contract';
import { OnCallView } from './OnCallView';

const BASE = '/api/datasources/proxy/uid/opsdeck';
const NOW = Date.UTC(2026, 10, 27, 12);
const person = (name: string) => ({ id: name, name, email: `${name}@example.com`, contacts: [{ type: 'phone' as const, address: '+15550100', label: 'Mobile' }] });

const roster = (who: string): OnCallResponse => ({
  provider: 'demo',
  generatedAt: NOW,
  policies: [
    {
      id: 'P1',
      name: 'Payments',
      teams: ['payments'],
      services: ['checkout-api'],
      steps: [
        { level: 1, delayMinutes: 15, targets: [{ type: 'schedule', id: 'S1', name: 'Payments primary' }] },
        { level: 2, delayMinutes: 30, targets: [{ type: 'user', id: 'u9', name: 'Mia Manager' }] },
      ],
      layers: [
        { level: 1, scheduleId: 'S1', scheduleName: 'Payments primary', now: [{ person: person(who), start: NOW - 3600_000, end: NOW + 3600_000 }], next: [{ person: person('Bo'), start: NOW + 3600_000, end: NOW + 7200_000 }] },
        { level: 2, now: [{ person: person('Mia Manager') }], next: [] },
      ],
    },
  ],
});

describe('OnCallView', () => {
  it('shows now and next per level with contacts, and the escalation steps', async () => {
    const { factory } = fakeEventSources();
    render(<OnCallView client={new GatewayClient(BASE, fakeFetch({ [`GET ${BASE}/read/api/oncall`]: { data: roster('Ana') } }))} eventSources={factory} />);
    const level1 = await screen.findByTestId(testIds.onCall.layer('P1', 1));
    expect(level1).toHaveTextContent(/Now.*Ana.*Next.*Bo/);
    expect(within(level1).getAllByRole('link', { name: 'Mobile: +15550100' })[0]).toHaveAttribute('href', 'tel:+15550100');
    expect(screen.getByTestId(testIds.onCall.layer('P1', 2))).toHaveTextContent(/Mia Manager.*always on call.*Nobody scheduled/);
    expect(screen.getByTestId(testIds.onCall.steps('P1'))).toHaveTextContent(
      'Level 1: Payments primary (schedule), escalates after 15 minLevel 2: Mia Manager (user), escalates after 30 min'
    );
    expect(screen.getByTestId(testIds.onCall.demoBadge)).toHaveTextContent('Demo roster');
  });

  it('reloads on an on-call event', async () => {
    let calls = 0;
    const { factory, sources } = fakeEventSources();
    render(<OnCallView client={new GatewayClient(BASE, fakeFetch({ [`GET ${BASE}/read/api/oncall`]: () => roster(++calls === 1 ? 'Ana' : 'Cy') }))} eventSources={factory} />);
    expect(await screen.findByTestId(testIds.onCall.layer('P1', 1))).toHaveTextContent('Ana');
    await act(async () => sources[0].emit({ id: 3, type: 'oncall.changed', at: NOW, payload: {} }));
    expect(await screen.findByText('Cy')).toBeInTheDocument();
  });

  it('says what is wrong when the gateway fails, and has no axe violations when it works', async () => {
    const failing = render(<OnCallView client={new GatewayClient(BASE, fakeFetch({ [`GET ${BASE}/read/api/oncall`]: { fail: { status: 502 } } }))} eventSources={fakeEventSources().factory} />);
    expect(await screen.findByTestId(testIds.onCall.error)).toHaveTextContent(/could not reach the Opsdeck gateway/);
    failing.unmount();
    const { container } = render(
      <main>
        <h1>On-call</h1>
        <h2>Policies</h2>
        <OnCallView client={new GatewayClient(BASE, fakeFetch({ [`GET ${BASE}/read/api/oncall`]: { data: roster('Ana') } }))} eventSources={fakeEventSources().factory} />
      </main>
    );
    await screen.findByTestId(testIds.onCall.policy('P1'));
    const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }, 20_000);
});

describe('OnCallView: you are on call', () => {
  const withYou = (you: OnCallResponse['you']): OnCallResponse => ({ ...roster('Ana'), you });
  const view = (answer: OnCallResponse) =>
    render(<OnCallView client={new GatewayClient(BASE, fakeFetch({ [`GET ${BASE}/read/api/oncall`]: { data: answer } }))} eventSources={fakeEventSources().factory} />);

  it('says where the signed-in user is on call now, and next', async () => {
    view(withYou({ login: 'ana', email: 'Ana@example.com', now: [{ policyId: 'P1', policyName: 'Payments', level: 1, scheduleName: 'Payments primary', end: NOW + 3600_000 }], next: [{ policyId: 'P1', policyName: 'Payments', level: 1, start: NOW + 7200_000 }] }));
    const banner = await screen.findByTestId(testIds.onCall.you);
    expect(banner).toHaveTextContent(/You are on call.*Payments, level 1 \(Payments primary\) until 2026-11-27 13:00:00.*Next: Payments, level 1 from 2026-11-27 14:00:00/);
  });

  it('says "not on call" for a mapped user on no level, and nothing for a login without an email', async () => {
    const mapped = view(withYou({ login: 'bo', email: 'bo@example.com', now: [], next: [] }));
    expect(await screen.findByTestId(testIds.onCall.you)).toHaveTextContent('You are not on call');
    mapped.unmount();
    view(withYou({ login: 'viewer', now: [], next: [] }));
    await screen.findByTestId(testIds.onCall.layer('P1', 1));
    expect(screen.queryByTestId(testIds.onCall.you)).not.toBeInTheDocument();
  });
});
