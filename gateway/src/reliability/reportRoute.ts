/** GET /api/reports/sre?period=week|month&team=&format=json|md|csv */
import type { FastifyInstance } from 'fastify';
import {
  REPORT_FORMATS,
  REPORT_PERIODS,
  SRE_REPORT_PATH,
  type ReportFormat,
  type ReportPeriod,
} from '@opsdeck/contract';
import type { Catalog } from '../catalog';
import { ParamError, type QueryString } from '../deployments/http/params';
import { reportCsv, reportMarkdown } from './reportFormats';
import { sreReport, type SreReportDeps } from './sreReport';

export function reportRoute(app: FastifyInstance, deps: SreReportDeps & { catalog: Catalog }): void {
  app.get<{ Querystring: QueryString }>(SRE_REPORT_PATH, async (request, reply) => {
    const period = (request.query.period || 'week') as ReportPeriod;
    if (!REPORT_PERIODS.includes(period))
      throw new ParamError('period', `"period" must be ${REPORT_PERIODS.join(' or ')}`);
    const format = (request.query.format || 'json') as ReportFormat;
    if (!REPORT_FORMATS.includes(format))
      throw new ParamError('format', `"format" must be one of ${REPORT_FORMATS.join(', ')}`);
    const team = request.query.team || undefined;
    if (team && !deps.catalog.teams.includes(team)) throw new ParamError('team', `unknown team "${team}"`);
    const report = await sreReport(deps, period, team);
    if (format === 'json') return report;
    const name = `sre-report-${period}-${new Date(report.range.from).toISOString().slice(0, 10)}${team ? `-${team}` : ''}`;
    reply.header('content-disposition', `attachment; filename="${name}.${format}"`);
    if (format === 'md') return reply.type('text/markdown; charset=utf-8').send(reportMarkdown(report));
    return reply.type('text/csv; charset=utf-8').send(reportCsv(report));
  });
}
