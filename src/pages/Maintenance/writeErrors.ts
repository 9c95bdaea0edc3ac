import { toGatewayError } from '@/api';

/**
 * One sentence for a refused change. Grafana's proxy answers 403 when the role is below the write route's Editor;
 * the gateway's own refusals (400 bad times, 404 unknown window, 409 already ended) are shown as it wrote them.
 */
export function describeWriteError(err: unknown, action: string): string {
  const error = toGatewayError(err);
  if (error.status === 403) {
    return `${action} needs the Editor role in Grafana: the request was refused (403). Ask an Editor, or an admin for the role.`;
  }
  if (error.status === 400 || error.status === 404 || error.status === 409) {
    return `${action} refused: ${error.message.replace(/^Opsdeck gateway error \d+: /, '')}`;
  }
  return `${action} failed: ${error.message}`;
}
