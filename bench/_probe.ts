import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { openStore } from '@/gateway/store';
import { AlertStore } from '@/gateway/alerts/alertStore';
import { parsePagerDutyWebhook } from '@/gateway/sources/pagerduty/parseWebhook';
async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'probe-'));
  const store = openStore(path.join(dir, 'db.sqlite'));
  await store.migrate();
  const alerts = new AlertStore(store.db);
  const mk = (n: number) => ({
    source: 'pagerduty' as const, deliveryId: `d${n}`, receivedAt: Date.now(),
    batch: parsePagerDutyWebhook({ event: { id: 'e', event_type: 'incident.triggered', resource_type: 'incident', occurred_at: new Date().toISOString(), agent: null,
      data: { id: `P${n}`, type: 'incident', status: 'triggered', title: 't', urgency: 'high', service: { id: 'PCHK001' } } } }, { catalog: [], receivedAt: Date.now() }),
  });
  for (const parallel of [1, 50]) {
    const t = Date.now(); const N = 2000;
    for (let i = 0; i < N; i += parallel) {
      await Promise.all(Array.from({ length: parallel }, (_, j) => alerts.persist(mk(parallel * 100000 + i + j))));
    }
    console.log(`parallel ${parallel}: ${Math.round(N / ((Date.now() - t) / 1000))}/s`);
  }
  await store.close();
}
void main();
