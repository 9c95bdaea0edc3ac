/** What the gateway and its SQLite writer thread (groupWriterWorker.ts) send each other. */
import type { GroupResult } from '../groupWrite';
import type { WebhookDelivery } from '../../upstream/alertIngest';

export interface WriterStart {
  file: string;
}

export interface WriterRequest {
  id: number;
  deliveries: WebhookDelivery[];
}

/** `busy`: the file stayed locked by another connection; nothing was written (StoreBusyError on the gateway's side). */
export type WriterResponse = { id: number; result: GroupResult } | { id: number; error: string; busy: boolean };
