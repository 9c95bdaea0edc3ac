/** What the gateway and its SQLite writer thread (groupWriterWorker.ts) send each other. */
import type { GroupResult } from '../groupWrite';
import type { WebhookDelivery } from '../webhookRoutes';

export interface WriterStart {
  file: string;
  /** How long a write waits for the gateway's own connection to release SQLite's write lock. */
  busyTimeoutMs: number;
}

export interface WriterRequest {
  id: number;
  deliveries: WebhookDelivery[];
}

export type WriterResponse = { id: number; result: GroupResult } | { id: number; error: string };
