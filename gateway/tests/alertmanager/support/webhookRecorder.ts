/** One local HTTP server per receiver, recording every Alertmanager notification it gets. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Notification {
  receiver: string;
  authorization?: string;
  alerts: Array<{ labels: Record<string, string>; status: string }>;
}

export interface WebhookRecorder {
  urls: Record<string, string>;
  received: Notification[];
  /** alertname values each receiver was notified about. */
  alertnamesFor(receiver: string): string[];
  close(): Promise<void>;
}

export async function startWebhookRecorder(receivers: string[]): Promise<WebhookRecorder> {
  const received: Notification[] = [];
  const servers: http.Server[] = [];
  const urls: Record<string, string> = {};
  for (const receiver of receivers) {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Omit<Notification, 'receiver'>;
        received.push({ receiver, authorization: req.headers.authorization, alerts: body.alerts });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    urls[receiver] = `http://127.0.0.1:${(server.address() as AddressInfo).port}/${receiver}`;
  }
  return {
    urls,
    received,
    alertnamesFor: (receiver) =>
      received
        .filter((n) => n.receiver === receiver)
        .flatMap((n) => n.alerts.map((a) => a.labels.alertname))
        .sort(),
    close: () =>
      Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve())))).then(() => undefined),
  };
}
