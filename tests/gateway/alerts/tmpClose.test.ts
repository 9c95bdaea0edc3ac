import { startTestGateway } from '../../support/gateway';
import { openSse } from '../../support/sseClient';
it('close timing', async () => {
  const g = await startTestGateway();
  const s = await openSse(`${g.url}/api/events`, { authorization: `Bearer ${g.token}` });
  s.close();
  await new Promise((r) => setTimeout(r, 100));
  const t = Date.now();
  const app = (g as unknown as { close(): Promise<void> });
  const timer = setInterval(() => console.log('still closing', Date.now() - t), 2000);
  await app.close();
  clearInterval(timer);
  console.log('closed in', Date.now() - t);
}, 30000);
