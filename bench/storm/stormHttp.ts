/**
 * The clients bench:storm measures with, on node:http so that it sees every byte: one keep-alive connection for
 * sequential timed reads, a pool for webhook posts, a streaming read (export) and an event-stream reader that counts
 * bytes per second and events per type.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface Answer {
  status: number;
  /** Body bytes. */
  bytes: number;
  /** From the request's start to its last body byte. */
  ms: number;
  body: Buffer;
}

export function request(
  agent: http.Agent,
  url: string,
  options: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string } = {}
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(
      url,
      {
        method: options.method ?? 'GET',
        agent,
        headers: {
          ...options.headers,
          ...(options.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(options.body)) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, bytes: body.length, ms: performance.now() - started, body });
        });
        res.on('error', reject);
      }
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

export interface StreamedAnswer {
  status: number;
  bytes: number;
  /** Newline-terminated lines, plus a last line without one. */
  lines: number;
  firstByteMs: number;
  ms: number;
  /** The first bytes of the body (an error answer's text). */
  head: string;
}

/** A GET read as it streams, without keeping the body: its size, lines and times. */
export function streamedGet(url: string, headers: Record<string, string>): Promise<StreamedAnswer> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.get(url, { headers, agent: false }, (res) => {
      let bytes = 0;
      let lines = 0;
      let last = 10;
      let firstByteMs = 0;
      let head = '';
      res.on('data', (chunk: Buffer) => {
        if (bytes === 0) firstByteMs = performance.now() - started;
        if (head.length < 300) head += chunk.subarray(0, 300).toString('utf8');
        bytes += chunk.length;
        for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
        last = chunk[chunk.length - 1];
      });
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          bytes,
          lines: lines + (bytes > 0 && last !== 10 ? 1 : 0),
          firstByteMs,
          ms: performance.now() - started,
          head: head.slice(0, 300),
        })
      );
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

export interface EventStreamCounts {
  status: number;
  bytes: number;
  /** Bytes received per whole second since `mark()`. */
  perSecond: number[];
  /** Messages per `event:` type. */
  types: Record<string, number>;
  /** alerts.delta only: alert lines listed, and changes counted but not listed. */
  deltaAlerts: number;
  deltaOverflow: number;
  lastByteAt: number;
}

export interface EventStreamReader {
  counts: EventStreamCounts;
  /** Zero the counters: what arrives from now on is measured. */
  mark(): void;
  close(): void;
}

/** Opens GET /api/events (SSE) and counts what arrives; resolves once the answer's head is in. */
export function readEventStream(url: string, headers: Record<string, string>): Promise<EventStreamReader> {
  return new Promise((resolve, reject) => {
    let markedAt = performance.now();
    const counts: EventStreamCounts = {
      status: 0,
      bytes: 0,
      perSecond: [],
      types: {},
      deltaAlerts: 0,
      deltaOverflow: 0,
      lastByteAt: 0,
    };
    const req = http.get(url, { headers: { accept: 'text/event-stream', ...headers }, agent: false }, (res) => {
      counts.status = res.statusCode ?? 0;
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const now = performance.now();
        const bytes = Buffer.byteLength(chunk);
        counts.bytes += bytes;
        const second = Math.floor((now - markedAt) / 1000);
        while (counts.perSecond.length <= second) counts.perSecond.push(0);
        counts.perSecond[second] += bytes;
        counts.lastByteAt = now;
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          countMessage(buffer.slice(0, end), counts);
          buffer = buffer.slice(end + 2);
        }
      });
      res.on('error', () => undefined);
      resolve({
        counts,
        mark() {
          markedAt = performance.now();
          Object.assign(counts, { bytes: 0, perSecond: [], types: {}, deltaAlerts: 0, deltaOverflow: 0 });
        },
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
  });
}

function countMessage(block: string, counts: EventStreamCounts): void {
  let type: string | undefined;
  let data = '';
  for (const line of block.split('\n')) {
    if (line.startsWith('event: ')) type = line.slice(7);
    else if (line.startsWith('data: ')) data += line.slice(6);
  }
  if (!data) return; // comments, retry
  const name = type ?? 'message';
  counts.types[name] = (counts.types[name] ?? 0) + 1;
  if (name === 'alerts.delta') {
    try {
      const payload = (JSON.parse(data) as { payload?: { alerts?: unknown[]; overflow?: number } }).payload;
      counts.deltaAlerts += payload?.alerts?.length ?? 0;
      counts.deltaOverflow += payload?.overflow ?? 0;
    } catch {
      // counted as a message all the same
    }
  }
}

/** Prometheus text → the value of each unlabelled sample named. */
export function metricValues(text: string, names: readonly string[]): Record<string, number> {
  const values: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const [name, value] = line.split(' ');
    if (names.includes(name)) values[name] = Number(value);
  }
  return values;
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
