import { GatewayError, toGatewayError } from '@/api';
import { type ActionResult, type BulkAcknowledgeResponse } from '@opsdeck/contract';

export interface AckOutcome {
  severity: 'success' | 'warning' | 'error';
  text: string;
}

/** What an acknowledgement achieved, in words; a failure at the source is shown as failed, never as done. */
export function describeBulkResult(response: BulkAcknowledgeResponse): AckOutcome {
  const failures = response.results.filter((r) => r.outcome === 'failed');
  if (failures.length === 0) {
    return { severity: 'success', text: `Acknowledged ${response.done} alert${response.done === 1 ? '' : 's'}.` };
  }
  const reasons = [...new Set(failures.map((r) => r.message ?? 'no reason given'))].join('; ');
  return {
    severity: response.done > 0 ? 'warning' : 'error',
    text: `Acknowledged ${response.done}, failed ${response.failed}: ${reasons}`,
  };
}

export function describeSingleResult(result: ActionResult): AckOutcome {
  return result.outcome === 'done'
    ? { severity: 'success', text: `Acknowledged at the source (${result.provider}).` }
    : { severity: 'error', text: `Acknowledge failed: ${result.message ?? 'no reason given'}` };
}

/**
 * A refusal explained: Grafana's proxy answers 403 when the user's role is below the write route's Editor; a 502
 * from the gateway carries the failed result.
 */
export function describeAckError(err: unknown): AckOutcome {
  const error = toGatewayError(err);
  if (error.status === 403) {
    return {
      severity: 'error',
      text: 'Acknowledging needs the Editor role in Grafana: the request was refused (403). Ask an Editor, or an admin for the role.',
    };
  }
  return { severity: 'error', text: `Acknowledge failed: ${error instanceof GatewayError ? error.message : String(err)}` };
}
