/**
 * Maintenance writes under Idempotency-Key: a retried or double-tapped create makes one window, a retried extend
 * or end acts once, and the repeat gets exactly the first answer.
 */
import { MAINTENANCE_PATH, maintenanceEndPath, maintenanceExtendPath } from '@opsdeck/contract';
import { startActionsGateway, START, type ActionsGateway, type JsonBody } from './support/actionsGateway';

const HOUR = 3_600_000;

describe('maintenance windows with Idempotency-Key', () => {
  let gw: ActionsGateway;

  beforeAll(async () => {
    gw = await startActionsGateway();
  });

  afterAll(async () => {
    await gw.close();
  });

  const windowsWithReason = async (reason: string) =>
    (await gw.read(`${MAINTENANCE_PATH}?state=all`)).body.windows.filter((w: JsonBody) => w.reason === reason);
  const auditActions = async (target: string) => (await gw.store.listAudit({ target })).map((a) => a.action);

  it('creates one window for a repeated create and answers the repeat with the first answer', async () => {
    const body = { services: ['checkout-api'], reason: 'retried create', endsAt: START + HOUR };
    const first = await gw.write(MAINTENANCE_PATH, body, { user: 'alice', idempotencyKey: 'submit-1' });
    const again = await gw.write(MAINTENANCE_PATH, body, { user: 'alice', idempotencyKey: 'submit-1' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await windowsWithReason('retried create')).toHaveLength(1);
    expect(await auditActions(first.body.id)).toEqual(['maintenance.create']);
  });

  it('creates one window when the same key arrives twice at once (a double tap)', async () => {
    const body = { teams: ['platform'], reason: 'double tap', endsAt: START + HOUR };
    const [a, b] = await Promise.all([
      gw.write(MAINTENANCE_PATH, body, { idempotencyKey: 'tap-1' }),
      gw.write(MAINTENANCE_PATH, body, { idempotencyKey: 'tap-1' }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body).toEqual(a.body);
    expect(await windowsWithReason('double tap')).toHaveLength(1);
  });

  it('creates a window per key, and per user under the same key', async () => {
    const body = { services: ['search-api'], reason: 'two submits', endsAt: START + HOUR };
    const first = await gw.write(MAINTENANCE_PATH, body, { user: 'alice', idempotencyKey: 'submit-a' });
    const second = await gw.write(MAINTENANCE_PATH, body, { user: 'alice', idempotencyKey: 'submit-b' });
    const bobs = await gw.write(MAINTENANCE_PATH, body, { user: 'bob', idempotencyKey: 'submit-a' });
    expect([first.status, second.status, bobs.status]).toEqual([201, 201, 201]);
    expect(new Set([first.body.id, second.body.id, bobs.body.id]).size).toBe(3);
    expect(bobs.body.createdBy).toBe('bob');
    expect(await windowsWithReason('two submits')).toHaveLength(3);
  });

  it('extends once for a repeated extend, and again under a new key', async () => {
    const { body: window } = await gw.write(
      MAINTENANCE_PATH,
      { services: ['inventory-api'], reason: 'extend me', endsAt: START + HOUR },
      { idempotencyKey: 'create-extend' }
    );
    const path = maintenanceExtendPath(window.id);
    const first = await gw.write(path, { endsAt: START + 2 * HOUR }, { idempotencyKey: 'extend-1' });
    const again = await gw.write(path, { endsAt: START + 2 * HOUR }, { idempotencyKey: 'extend-1' });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await auditActions(window.id)).toEqual(['maintenance.extend', 'maintenance.create']);

    const later = await gw.write(path, { endsAt: START + 3 * HOUR }, { idempotencyKey: 'extend-2' });
    expect(later.body.endsAt).toBe(START + 3 * HOUR);
    expect(await auditActions(window.id)).toEqual(['maintenance.extend', 'maintenance.extend', 'maintenance.create']);
  });

  it('answers a repeated end with the first answer instead of "already ended"', async () => {
    const { body: window } = await gw.write(MAINTENANCE_PATH, {
      services: ['checkout-api'],
      reason: 'end me',
      endsAt: START + HOUR,
    });
    const path = maintenanceEndPath(window.id);
    const first = await gw.write(path, {}, { user: 'bob', idempotencyKey: 'end-1' });
    const again = await gw.write(path, {}, { user: 'bob', idempotencyKey: 'end-1' });
    expect(first.body).toMatchObject({ state: 'ended', endedBy: 'bob' });
    expect(again).toEqual(first);
    expect((await gw.write(path, {}, { user: 'bob', idempotencyKey: 'end-2' })).status).toBe(409);
    expect(await auditActions(window.id)).toEqual(['maintenance.end', 'maintenance.create']);
  });
});
