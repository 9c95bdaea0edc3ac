import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { GatewayClient } from '@/api';
import { fakeFetch, type FakeAnswer } from '@/api/testing';
import {
  deploymentPath,
  deploymentRollbackPath,
  type DeploymentDetailResponse,
  type RollbackPolicy,
  type RollbackRequest,
} from '@opsdeck/contract';
import { testIds } from '@/components/testIds';
import { attempt, BASE, deployment, fakeEventSource, preview } from './deploymentsFixture';
import { RollbackDialog } from './RollbackDialog';
import { type OrgRole } from './rollbackAccess';

const current = deployment();
const DETAIL = `GET ${BASE}/read${deploymentPath(current.id)}`;
const WRITE = `POST ${BASE}/write${deploymentRollbackPath(current.id)}`;
const ADMIN = `POST ${BASE}/admin${deploymentRollbackPath(current.id)}`;
const AUDIT = `GET ${BASE}/read/api/deployments/rollbacks?service=checkout-api&limit=20`;

function detail(policy: RollbackPolicy = { adminOnly: false }): DeploymentDetailResponse {
  return { deployment: current, related: [], attempts: [], rollbackTargetKind: 'codedeploy', rollback: policy };
}

function setup(answers: Record<string, FakeAnswer>, role: OrgRole = 'Editor') {
  const fetcher = fakeFetch({ [DETAIL]: { data: detail() }, ...answers });
  const events = fakeEventSource();
  const onSettled = jest.fn();
  render(
    <RollbackDialog
      client={new GatewayClient(BASE, fetcher)}
      deployment={current}
      role={role}
      onDismiss={jest.fn()}
      onSettled={onSettled}
      eventSource={events}
    />
  );
  return { fetcher, events, onSettled };
}

/** Answers the preview call with `preview` and the start call with `start`. */
function rollbackRoute(
  start: (body: RollbackRequest) => unknown,
  previewAnswer = { preview: preview(), rollback: { adminOnly: false } }
): FakeAnswer {
  return (request) => {
    const body = request.data as RollbackRequest;
    return body.preview ? previewAnswer : start(body);
  };
}

function type(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

async function fillAndStart(service = 'checkout-api', reason = 'errors after v42') {
  type(testIds.rollbackDialog.confirmInput, service);
  type(testIds.rollbackDialog.reasonInput, reason);
  await act(async () => {
    fireEvent.click(screen.getByTestId(testIds.rollbackDialog.start));
  });
}

// Rendering @grafana/ui under jsdom takes seconds on a busy 2-core machine; the waits inside stay bounded.
jest.setTimeout(20_000);

describe('RollbackDialog', () => {
  it('shows exactly what will change before anything runs', async () => {
    const { fetcher } = setup({ [WRITE]: rollbackRoute(() => ({ attempt: attempt() })) });
    expect(await screen.findByTestId(testIds.rollbackDialog.from)).toHaveTextContent('v42 — deployment d-42');
    expect(screen.getByTestId(testIds.rollbackDialog.to)).toHaveTextContent('v41 — revision of d-41');
    expect(screen.getByTestId(testIds.rollbackDialog.action)).toHaveTextContent(
      'CreateDeployment (needs codedeploy:CreateDeployment)'
    );
    expect(screen.getByTestId(testIds.rollbackDialog.action)).toHaveTextContent('"deploymentGroupName": "production"');
    expect(fetcher.requests.map((r) => [r.method, r.url, r.data])).toEqual([
      ['GET', `${BASE}/read${deploymentPath(current.id)}`, undefined],
      ['POST', `${BASE}/write${deploymentRollbackPath(current.id)}`, { preview: true }],
    ]);
  });

  it('starts only after the service name is typed and a reason given, then follows it to the audit entry', async () => {
    let audited = attempt();
    const { fetcher, onSettled } = setup({
      [WRITE]: rollbackRoute(() => ({ attempt: attempt() })),
      [AUDIT]: () => ({ attempts: [audited] }),
    });
    await screen.findByTestId(testIds.rollbackDialog.preview);
    const start = screen.getByTestId(testIds.rollbackDialog.start);
    expect(start).toBeDisabled();
    type(testIds.rollbackDialog.confirmInput, 'checkout');
    type(testIds.rollbackDialog.reasonInput, 'errors after v42');
    expect(start).toBeDisabled();
    type(testIds.rollbackDialog.confirmInput, 'checkout-api');
    type(testIds.rollbackDialog.reasonInput, '   ');
    expect(start).toBeDisabled();
    type(testIds.rollbackDialog.reasonInput, 'errors after v42');
    expect(start).toBeEnabled();
    await act(async () => {
      fireEvent.click(start);
    });

    expect(
      fetcher.requests.find((r) => r.url.endsWith('/rollback') && !(r.data as RollbackRequest).preview)?.data
    ).toEqual({
      confirm: 'checkout-api',
      reason: 'errors after v42',
      to: 'v41',
    });
    const outcome = await screen.findByTestId(testIds.rollbackDialog.outcome);
    expect(outcome).toHaveAttribute('data-outcome', 'in_progress');
    expect(screen.getByTestId(testIds.rollbackDialog.progress)).toHaveTextContent('CreateDeployment accepted');
    expect(screen.queryByTestId(testIds.rollbackDialog.auditEntry)).not.toBeInTheDocument();

    audited = attempt({
      outcome: 'succeeded',
      message: 'deployment d-43 Succeeded',
      finishedAt: attempt().requestedAt + 60_000,
    });
    const entry = await screen.findByTestId(testIds.rollbackDialog.auditEntry, {}, { timeout: 5000 });
    expect(entry).toHaveTextContent('erin');
    expect(entry).toHaveTextContent('errors after v42');
    expect(entry).toHaveTextContent('v42 → v41 (CreateDeployment)');
    expect(entry).toHaveTextContent('Succeeded');
    expect(screen.getByTestId(testIds.rollbackDialog.outcome)).toHaveAttribute('data-outcome', 'succeeded');
    expect(onSettled).toHaveBeenCalledWith(audited);
  });

  it('moves progress on from live deployment.changed events', async () => {
    const { events } = setup({
      [WRITE]: rollbackRoute(() => ({ attempt: attempt() })),
      [AUDIT]: { data: { attempts: [attempt()] } },
    });
    await screen.findByTestId(testIds.rollbackDialog.preview);
    await fillAndStart();
    await screen.findByTestId(testIds.rollbackDialog.progress);
    expect(events.opened[0]).toBe(`${BASE}/read/api/events`);
    act(() => {
      events.emit({
        id: 7,
        type: 'deployment.changed',
        at: 1,
        payload: { kind: 'rollback', attempt: attempt({ message: '3 of 5 instances' }) },
      });
    });
    expect(screen.getByTestId(testIds.rollbackDialog.progress)).toHaveTextContent('3 of 5 instances');
  });

  it('shows a failed upstream call as failed', async () => {
    const failed = attempt({
      outcome: 'failed',
      message: 'AccessDeniedException: not authorized to perform codedeploy:CreateDeployment',
      upstreamId: undefined,
      finishedAt: 1,
    });
    setup({ [WRITE]: rollbackRoute(() => ({ attempt: failed })), [AUDIT]: { data: { attempts: [failed] } } });
    await screen.findByTestId(testIds.rollbackDialog.preview);
    await fillAndStart();
    expect(await screen.findByTestId(testIds.rollbackDialog.outcome)).toHaveAttribute('data-outcome', 'failed');
    expect(screen.getByText('The rollback failed')).toBeInTheDocument();
    expect(screen.getByTestId(testIds.rollbackDialog.progress)).toHaveTextContent('AccessDeniedException');
    expect(await screen.findByTestId(testIds.rollbackDialog.auditEntry)).toHaveTextContent('Failed');
  });

  it("shows the gateway's 409 message when a rollback of the service is already running", async () => {
    const busy =
      'a rollback of checkout-api is already running (attempt a-0, started by bob at 2025-01-01T11:59:00.000Z); wait for it to finish';
    setup({
      [WRITE]: (request) => {
        if ((request.data as RollbackRequest).preview) {
          return { preview: preview(), rollback: { adminOnly: false } };
        }
        throw { status: 409, data: { error: busy } };
      },
    });
    await screen.findByTestId(testIds.rollbackDialog.preview);
    await fillAndStart();
    expect(await screen.findByTestId(testIds.rollbackDialog.error)).toHaveTextContent(`Refused: ${busy}`);
    expect(screen.getByTestId(testIds.rollbackDialog.start)).toBeEnabled();
  });

  it('explains a 403 from the data proxy instead of a bare error', async () => {
    setup({ [WRITE]: { fail: { status: 403, data: { message: 'plugin proxy route access denied' } } } }, 'Editor');
    const refusal = await screen.findByTestId(testIds.rollbackDialog.notAllowed);
    expect(refusal).toHaveTextContent(/refused the rollback for your role \(Editor\)/);
    expect(refusal).toHaveTextContent('plugin proxy route access denied');
    expect(screen.queryByTestId(testIds.rollbackDialog.start)).not.toBeInTheDocument();
  });

  it('explains missing IAM permissions and offers no start', async () => {
    const lacking = preview({ missingPermissions: ['codedeploy:CreateDeployment'] });
    setup({ [WRITE]: rollbackRoute(() => ({}), { preview: lacking, rollback: { adminOnly: false } }) });
    const missing = await screen.findByTestId(testIds.rollbackDialog.missingPermissions);
    expect(missing).toHaveTextContent('codedeploy:CreateDeployment');
    expect(missing).toHaveTextContent('docs/aws-setup.md');
    expect(screen.queryByTestId(testIds.rollbackDialog.start)).not.toBeInTheDocument();
  });

  it('shows why a blocked rollback cannot run', async () => {
    const blocked = preview({
      to: undefined,
      action: undefined,
      blockedReason: 'no earlier successful deployment of checkout-api is known',
    });
    setup({ [WRITE]: rollbackRoute(() => ({}), { preview: blocked, rollback: { adminOnly: false } }) });
    expect(await screen.findByTestId(testIds.rollbackDialog.blocked)).toHaveTextContent(
      'no earlier successful deployment'
    );
    expect(screen.queryByTestId(testIds.rollbackDialog.start)).not.toBeInTheDocument();
  });

  it('tells an Editor that this gateway allows Admins only, without asking for a preview', async () => {
    const { fetcher } = setup({ [DETAIL]: { data: detail({ adminOnly: true }) } }, 'Editor');
    expect(await screen.findByTestId(testIds.rollbackDialog.notAllowed)).toHaveTextContent(/only Grafana Admins/);
    expect(fetcher.requests).toHaveLength(1);
  });

  it('sends an Admin through the admin route when the gateway allows Admins only', async () => {
    const { fetcher } = setup(
      { [DETAIL]: { data: detail({ adminOnly: true }) }, [ADMIN]: rollbackRoute(() => ({ attempt: attempt() })) },
      'Admin'
    );
    await screen.findByTestId(testIds.rollbackDialog.preview);
    expect(fetcher.requests[1].url).toBe(`${BASE}/admin${deploymentRollbackPath(current.id)}`);
  });

  it('offers to follow a rollback that is already running', async () => {
    const running = attempt({ user: 'bob', reason: 'bad config' });
    setup({
      [WRITE]: rollbackRoute(() => ({}), {
        preview: preview(),
        rollback: { adminOnly: false, running } as RollbackPolicy,
      }),
      [AUDIT]: { data: { attempts: [running] } },
    });
    expect(await screen.findByTestId(testIds.rollbackDialog.running)).toHaveTextContent('Started by bob: bad config');
    fireEvent.click(screen.getByRole('button', { name: 'Follow it' }));
    await waitFor(() =>
      expect(screen.getByTestId(testIds.rollbackDialog.outcome)).toHaveAttribute('data-outcome', 'in_progress')
    );
  });
});
