import type { ParseContext } from '../../../src/upstream/alertIngest';
import { loadCatalog } from './catalog';

export const RECEIVED_AT = Date.UTC(2026, 10, 27, 12, 0, 0);

export function parseContext(): ParseContext {
  return { catalog: loadCatalog(), receivedAt: RECEIVED_AT };
}
