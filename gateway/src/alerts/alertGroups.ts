/**
 * GET /api/alerts/groups: the matching alerts folded by the chosen dimensions in one GROUP BY, biggest group first.
 * Each group carries the exact list filter of its members, so listing, exporting and acting on a group are the
 * ordinary calls: no second definition of membership can drift from this one.
 */
import { sql, type Expression } from 'kysely';
import {
  ALERT_SEVERITIES,
  LABEL_DIMENSION_PREFIX,
  labelFilterKey,
  NO_VALUE,
  type AlertGroup,
  type AlertGroupDimension,
  type AlertGroupsResponse,
  type AlertListQuery,
  type AlertSeverity,
  type AlertStatus,
} from '@opsdeck/contract';
import type { ListPager, PageFilters } from './listPage';

export interface GroupsPage {
  limit: number;
  offset: number;
}

interface GroupRow {
  [dimension: `d${number}`]: string;
  status: string;
  severity: string;
  n: number | string;
  updated: number | string;
}

const SEVERITY_RANK = new Map<string, number>(ALERT_SEVERITIES.map((s, i) => [s, i]));

export class AlertGroupsReader {
  constructor(private readonly pager: ListPager) {}

  async groups(filters: PageFilters, by: AlertGroupDimension[], page: GroupsPage): Promise<AlertGroupsResponse> {
    const dimensions = by.map((d) => this.expression(d));
    // Grouped by status and severity too, so one pass gives every group's counts by each; folded below.
    let query = this.pager
      .filtered('alerts', filters)
      .select(dimensions.map((e, i) => sql<string>`${e}`.as(`d${i}`)))
      .select(['status', 'severity'])
      .select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.max('updated_at').as('updated')])
      .groupBy(['status', 'severity']);
    for (const e of dimensions) query = query.groupBy(e);
    const rows = (await query.execute()) as unknown as GroupRow[];

    const folded = new Map<string, AlertGroup>();
    let total = 0;
    for (const row of rows) {
      const key = by.map((_, i) => row[`d${i}`] ?? '');
      const id = JSON.stringify(key);
      const count = Number(row.n);
      total += count;
      let group = folded.get(id);
      if (!group) {
        group = {
          key,
          count: 0,
          byStatus: {},
          bySeverity: {},
          severity: row.severity as AlertSeverity,
          updatedAt: 0,
          summary: '',
          filter: memberFilter(by, key),
        };
        folded.set(id, group);
      }
      group.count += count;
      group.byStatus[row.status as AlertStatus] = (group.byStatus[row.status as AlertStatus] ?? 0) + count;
      group.bySeverity[row.severity as AlertSeverity] = (group.bySeverity[row.severity as AlertSeverity] ?? 0) + count;
      if (rank(row.severity) < rank(group.severity)) group.severity = row.severity as AlertSeverity;
      group.updatedAt = Math.max(group.updatedAt, Number(row.updated));
    }
    const ordered = [...folded.values()].sort(
      (a, b) =>
        b.count - a.count ||
        rank(a.severity) - rank(b.severity) ||
        b.updatedAt - a.updatedAt ||
        a.key.join('\u0000').localeCompare(b.key.join('\u0000'))
    );
    const shown = ordered.slice(page.offset, page.offset + page.limit);
    await Promise.all(shown.map(async (group) => (group.summary = await this.newestSummary(filters, by, group))));
    return { by, groups: shown, groupCount: ordered.length, total };
  }

  /** The summary of the group's newest alert: one short index read per group shown. */
  private async newestSummary(filters: PageFilters, by: AlertGroupDimension[], group: AlertGroup): Promise<string> {
    const row = await this.pager
      .filtered('alerts', withMembers(filters, by, group.key))
      .select('summary')
      .where('updated_at', '=', group.updatedAt)
      .limit(1)
      .executeTakeFirst();
    return row?.summary ?? '';
  }

  private expression(dimension: AlertGroupDimension): Expression<string> {
    if (dimension.startsWith(LABEL_DIMENSION_PREFIX)) {
      return this.pager.labelValue(dimension.slice(LABEL_DIMENSION_PREFIX.length));
    }
    switch (dimension) {
      case 'alertname':
        return sql<string>`alert_name`;
      case 'groupKey':
        return sql<string>`coalesce(group_key, '')`;
      case 'service':
      case 'team':
        return sql<string>`coalesce(${sql.ref(dimension)}, '')`;
      default:
        return sql<string>`${sql.ref(dimension)}`;
    }
  }
}

function rank(severity: string): number {
  return SEVERITY_RANK.get(severity) ?? ALERT_SEVERITIES.length;
}

/** The list query of the members of the group with `key` (values as grouped: '' = none). */
export function memberFilter(by: AlertGroupDimension[], key: string[]): AlertListQuery {
  const filter: Record<string, string> = {};
  by.forEach((dimension, i) => {
    const value = key[i];
    if (dimension.startsWith(LABEL_DIMENSION_PREFIX)) {
      // An empty label value is no label (Prometheus): `label.zone=` matches alerts without a zone.
      filter[labelFilterKey(dimension.slice(LABEL_DIMENSION_PREFIX.length))] = value;
    } else {
      // '' would read as "no filter" in a query string: a group of alerts without a service must not widen to all.
      filter[dimension] = value === '' ? NO_VALUE : value;
    }
  });
  return filter as AlertListQuery;
}

/** The request's filters narrowed to one group's members, as the store takes them. */
function withMembers(filters: PageFilters, by: AlertGroupDimension[], key: string[]): PageFilters {
  const labels = [...(filters.labels ?? [])];
  const narrowed: PageFilters = { ...filters, labels };
  by.forEach((dimension, i) => {
    const value = key[i];
    if (dimension.startsWith(LABEL_DIMENSION_PREFIX)) {
      labels.push({ name: dimension.slice(LABEL_DIMENSION_PREFIX.length), value });
    } else {
      const field = FIELD_OF[dimension as keyof typeof FIELD_OF];
      // Stored alert names are never null: an empty one is ''. The other columns are null when absent.
      narrowed[field] = [value === '' && field !== 'alertNames' ? NO_VALUE : value];
    }
  });
  return narrowed;
}

const FIELD_OF = {
  alertname: 'alertNames',
  service: 'services',
  team: 'teams',
  severity: 'severities',
  source: 'sources',
  groupKey: 'groupKeys',
} as const;
