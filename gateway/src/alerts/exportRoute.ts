/**
 * GET /api/alerts/export?format=csv|json|ndjson&<list filters>: every matching alert, streamed page by page through
 * the list's keyset so memory stays one page whatever the set, and a slow client paces the reads. The walk starts
 * just above the newest matching alert; alerts updated while it runs move above that, so a last pass takes those it
 * had not written yet: everything that matched at the start and still matches is written exactly once.
 */
import type { FastifyInstance } from 'fastify';
import type { ServerResponse } from 'node:http';
import {
  ALERTS_EXPORT_PATH,
  EXPORT_FORMATS,
  alertCsvHeader,
  alertCsvRow,
  type Alert,
  type AlertFilters,
  type AlertListQuery,
  type ExportFormat,
} from '@opsdeck/contract';
import type { AlertStore } from './alertStore';
import { FilterError, alertFilters } from './listFilters';
import { decodeCursor, type Key } from './listPage';

const PAGE = 500;
const TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
};

export function exportRoute(app: FastifyInstance, alerts: AlertStore, clock: () => number): void {
  app.get<{ Querystring: AlertListQuery & { format?: string } }>(ALERTS_EXPORT_PATH, async (request, reply) => {
    const { format = 'csv', cursor, limit, facets, ...query } = request.query;
    if (cursor !== undefined || limit !== undefined || facets !== undefined) {
      throw new FilterError('cursor', 'the export holds every matching alert: cursor, limit and facets do not apply');
    }
    if (!(EXPORT_FORMATS as readonly unknown[]).includes(format)) {
      throw new FilterError('format', `format must be one of ${EXPORT_FORMATS.join(', ')}`);
    }
    const filters = alertFilters(query);
    const kind = format as ExportFormat;
    const startedAt = clock();
    const stamp = new Date(startedAt).toISOString().replace(/[:.]/g, '-');

    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'Content-Type': TYPES[kind],
      'Content-Disposition': `attachment; filename="alerts-${stamp}.${kind}"`,
      'Cache-Control': 'no-store',
    });
    const writer = new ExportWriter(raw, kind);
    try {
      await walkForExport(alerts, filters, (alert) => writer.write(alert));
      writer.end();
    } catch (error) {
      // The status line is long gone: cut the stream so the download shows as failed rather than complete.
      request.log.warn({ err: error }, 'alert export failed mid-stream');
      raw.destroy();
    }
  });
}

/**
 * Hands every alert matching `filters` to `emit` once, newest first, one page in memory; `emit` resolving false
 * stops the walk (the client went away).
 */
export async function walkForExport(
  alerts: Pick<AlertStore, 'listAlertsPage' | 'pager' | 'pageFilters'>,
  filters: AlertFilters,
  emit: (alert: Alert) => Promise<boolean>
): Promise<void> {
  const written = new Set<string>();
  let stopped = false;
  const walk = async (from: Key | undefined, stopAt?: number) => {
    let after = from;
    while (!stopped) {
      const page = await alerts.listAlertsPage(filters, { limit: PAGE, after });
      for (const alert of page.alerts) {
        if (stopAt !== undefined && alert.updatedAt <= stopAt) return;
        if (written.has(alert.id)) continue;
        written.add(alert.id);
        if (!(await emit(alert))) {
          stopped = true;
          return;
        }
      }
      if (!page.nextCursor) return;
      after = decodeCursor(page.nextCursor);
    }
  };
  const ceiling = await alerts.pager.ceiling('alerts', alerts.pageFilters(filters));
  if (!ceiling) return;
  await walk(ceiling);
  // Those updated meanwhile are now above the ceiling: from the top down to it.
  await walk(undefined, ceiling.updatedAt - 1);
}

class ExportWriter {
  private count = 0;
  closed = false;

  constructor(
    private readonly response: ServerResponse,
    private readonly format: ExportFormat
  ) {
    response.on('close', () => (this.closed = true));
    if (format === 'csv') response.write(alertCsvHeader());
    if (format === 'json') response.write('[');
  }

  /** Resolves false when the client went away; waits for 'drain' so a slow client paces the database reads. */
  async write(alert: Alert): Promise<boolean> {
    if (this.closed) return false;
    const text =
      this.format === 'csv'
        ? alertCsvRow(alert)
        : this.format === 'ndjson'
          ? `${JSON.stringify(alert)}\n`
          : `${this.count === 0 ? '\n' : ',\n'}${JSON.stringify(alert)}`;
    this.count++;
    if (!this.response.write(text)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.response.off('drain', done);
          this.response.off('close', done);
          resolve();
        };
        this.response.on('drain', done);
        this.response.on('close', done);
      });
    }
    return !this.closed;
  }

  end(): void {
    if (this.closed) return;
    if (this.format === 'json') this.response.write(this.count === 0 ? ']\n' : '\n]\n');
    this.response.end();
  }
}
