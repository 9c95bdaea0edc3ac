/** A loopback HTTP server that answers every request with what it received, for testing the data proxy. */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface EchoedRequest {
  method: string;
  path: string;
  query: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface EchoUpstream {
  url: string;
  requests: EchoedRequest[];
  /** Makes the next answers use this status (e.g. 401 to see the proxy turn it into 400). */
  respondWith(status: number): void;
  close(): Promise<void>;
}

export async function startEchoUpstream(): Promise<EchoUpstream> {
  const requests: EchoedRequest[] = [];
  let status = 200;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://upstream.invalid');
      const echoed: EchoedRequest = {
        method: req.method ?? '',
        path: url.pathname,
        query: url.search,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(echoed);
      // Like any sane upstream it does not reflect credentials; tests read them from `requests` instead.
      const { authorization: _auth, 'x-opsdeck-write': _write, ...safeHeaders } = req.headers;
      const text = JSON.stringify({ ...echoed, headers: safeHeaders });
      res.writeHead(status, { 'content-type': 'application/json', 'set-cookie': 'upstream=1' });
      res.end(text);
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    respondWith(next) {
      status = next;
    },
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
