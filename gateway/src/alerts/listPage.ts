/**
 * One page of alerts or incidents, newest update first, by keyset: the cursor is the (updated_at, id) of the last
 * item shown, and the next page starts strictly after it. Inserts never shift a page, so paging through a storm
 * neither repeats nor skips what was there when it began.
 *
 * `status IN (…)` or `service IN (…)` on an index's leading column would make the database sort every matching row
 * (SQLite: "USE TEMP B-TREE FOR ORDER BY"). Instead each combination of the leading filter's values and the statuses
 * is one branch that walks its index (migration 0008) backwards from the cursor and stops after a page; the
 * branches are merged here. Ids are compared byte by byte, in SQL (SQLite's BINARY, Postgres's "C") and here alike.
 */
import { type CompiledQuery, type Kysely, PostgresAdapter, sql } from 'kysely';
import { LIST_FACETS, NO_VALUE, type ListFacet, type ListFacets, type ListPage } from '@opsdeck/contract';
import type { Database } from '../store/schema';

export type ListTable = 'alerts' | 'incidents';
type Column = 'service' | 'team' | 'severity' | 'source' | 'alert_name' | 'group_key';

export interface PageFilters {
  services?: readonly string[];
  teams?: readonly string[];
  severities?: readonly string[];
  sources?: readonly string[];
  /** Alerts only. */
  alertNames?: readonly string[];
  groupKeys?: readonly string[];
  labels?: ReadonlyArray<{ name: string; value: string }>;
  /** Resolved by the caller: never empty. */
  statuses: readonly string[];
}
type ListField = Exclude<keyof PageFilters, 'labels' | 'statuses'>;

export interface PageRequest {
  limit: number;
  /** Decoded from the client's cursor (decodeCursor); absent: the first page. */
  after?: Key;
  facets?: boolean;
}

export interface PageKeys extends ListPage {
  /** Ids of the page's items, in page order. */
  ids: string[];
}

/** More branches than this and one plain query (with its sort) is cheaper than walking each. */
const MAX_BRANCHES = 64;
const MAX_CURSOR_ID_LENGTH = 2000;

export interface Key {
  updatedAt: number;
  id: string;
}

export function encodeCursor(key: Key): string {
  return Buffer.from(JSON.stringify([key.updatedAt, key.id])).toString('base64url');
}

/** The key a cursor of encodeCursor holds; undefined for anything else. */
export function decodeCursor(cursor: string): Key | undefined {
  if (!/^[A-Za-z0-9_-]{1,4000}$/.test(cursor)) return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (
    !Array.isArray(decoded) ||
    decoded.length !== 2 ||
    !Number.isSafeInteger(decoded[0]) ||
    typeof decoded[1] !== 'string' ||
    decoded[1].length > MAX_CURSOR_ID_LENGTH
  ) {
    return undefined;
  }
  return { updatedAt: decoded[0] as number, id: decoded[1] };
}

/** Newest first; ties by id descending, compared as UTF-8 bytes like the database does. */
export function compareKeysDescending(a: Key, b: Key): number {
  return b.updatedAt - a.updatedAt || Buffer.compare(Buffer.from(b.id), Buffer.from(a.id));
}

const COLUMNS: Array<[Column, ListField]> = [
  ['service', 'services'],
  ['team', 'teams'],
  ['severity', 'severities'],
  ['source', 'sources'],
  ['alert_name', 'alertNames'],
  ['group_key', 'groupKeys'],
];

/**
 * The equality prefixes an index of 0008/0009 serves (each followed by status, updated_at, id), most selective
 * first. A page branches over every combination of the first prefix whose filters are all set.
 */
const LEADS: ListField[][] = [
  ['groupKeys'],
  ['services', 'alertNames'],
  ['alertNames'],
  ['services'],
  ['teams'],
  ['severities'],
  ['sources'],
];

export class ListPager {
  private readonly idRef;
  private readonly postgres: boolean;

  constructor(private readonly db: Kysely<Database>) {
    this.postgres = db.getExecutor().adapter instanceof PostgresAdapter;
    this.idRef = this.postgres ? sql<string>`id collate "C"` : sql<string>`id`;
  }

  /** A label equality, name and value bound as parameters (never spliced into a JSON path); '' = no such label. */
  labelIs(name: string, value: string) {
    return sql<boolean>`${this.labelValue(name)} = ${value}`;
  }

  /** A label's value as an expression, for grouping ('' when the alert has none). */
  labelValue(name: string) {
    return this.postgres
      ? sql<string>`coalesce(labels::json ->> ${name}, '')`
      : sql<string>`coalesce((select j.value from json_each(labels) j where j.key = ${name}), '')`;
  }

  /** `facetsOf` lets the caller share facet counts between requests (readCoalescer). */
  async page(
    table: ListTable,
    filters: PageFilters,
    request: PageRequest,
    facetsOf: () => Promise<ListFacets> = () => this.facets(table, filters)
  ): Promise<PageKeys> {
    const { after } = request;
    const [keys, total, facets] = await Promise.all([
      this.keys(table, filters, request.limit + 1, after),
      this.count(table, filters),
      request.facets ? facetsOf() : undefined,
    ]);
    const shown = keys.slice(0, request.limit);
    const last = shown.at(-1);
    return {
      ids: shown.map((k) => k.id),
      total,
      ...(keys.length > request.limit && last ? { nextCursor: encodeCursor(last) } : {}),
      ...(facets ? { facets } : {}),
    };
  }

  /**
   * A bound just above the newest matching item: a walk from it covers everything there now, even items an
   * upstream's clock stamped ahead of ours. Undefined when nothing matches.
   */
  async ceiling(table: ListTable, filters: PageFilters): Promise<Key | undefined> {
    const [newest] = await this.keys(table, filters, 1);
    return newest && { updatedAt: newest.updatedAt + 1, id: '' };
  }

  private async keys(table: ListTable, filters: PageFilters, take: number, after?: Key): Promise<Key[]> {
    const rows = await Promise.all(this.branches(table, filters, take, after).map((q) => q.execute()));
    return rows
      .flat()
      .map((r) => ({ updatedAt: Number(r.updated_at), id: r.id }))
      .sort(compareKeysDescending)
      .slice(0, take);
  }

  /** The SQL of each branch of a page, for tests that read the query plans. */
  branchQueries(table: ListTable, filters: PageFilters, take: number, after?: Key): CompiledQuery[] {
    return this.branches(table, filters, take, after).map((q) => q.compile());
  }

  private branches(table: ListTable, filters: PageFilters, take: number, after?: Key) {
    const lead = LEADS.find((fields) => fields.every((field) => filters[field]?.length)) ?? [];
    // Every combination of the lead's values and the statuses: each is one equality prefix of an index.
    let branches: PageFilters[] = filters.statuses.map((status) => ({ ...filters, statuses: [status] }));
    for (const field of lead) {
      branches = branches.flatMap((branch) => (filters[field] ?? []).map((value) => ({ ...branch, [field]: [value] })));
      if (branches.length > MAX_BRANCHES) return [this.keyQuery(table, filters, take, after)];
    }
    return branches.map((branch) => this.keyQuery(table, branch, take, after));
  }

  private keyQuery(table: ListTable, filters: PageFilters, take: number, after?: Key) {
    let query = this.filtered(table, filters).select(['id', 'updated_at']);
    if (after) {
      query = query.where(sql<boolean>`(updated_at, ${this.idRef}) < (${after.updatedAt}, ${after.id})`);
    }
    return query
      .orderBy('updated_at', 'desc')
      .orderBy(sql`${this.idRef} desc`)
      .limit(take);
  }

  async count(table: ListTable, filters: PageFilters): Promise<number> {
    const row = await this.filtered(table, filters)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /**
   * Each dimension counted under every other filter, so a facet also shows the values one could switch to. One scan
   * grouped by all five dimensions (a few hundred combinations in a storm), each facet then summed from it here:
   * five GROUP BYs would read every matching row five times.
   */
  async facets(table: ListTable, filters: PageFilters): Promise<ListFacets> {
    const unfaceted: PageFilters = {
      ...filters,
      services: undefined,
      teams: undefined,
      severities: undefined,
      sources: undefined,
    };
    const rows = await this.filtered(table, unfaceted, true)
      .select([...LIST_FACETS, (eb) => eb.fn.countAll<number | string>().as('n')])
      .groupBy([...LIST_FACETS])
      .execute();
    const wanted: Record<ListFacet, readonly string[] | undefined> = {
      service: filters.services,
      team: filters.teams,
      severity: filters.severities,
      source: filters.sources,
      status: filters.statuses,
    };
    const matches = (row: Record<ListFacet, string | null>, facet: ListFacet) => {
      const values = wanted[facet];
      if (!values?.length) return true;
      const value = row[facet];
      return value === null ? values.includes(NO_VALUE) : values.includes(value);
    };
    const facets = {} as ListFacets;
    for (const facet of LIST_FACETS) {
      const counts = new Map<string, number>();
      for (const row of rows) {
        const combo = row as unknown as Record<ListFacet, string | null>;
        if (!LIST_FACETS.every((other) => other === facet || matches(combo, other))) continue;
        const value = combo[facet] ?? '';
        counts.set(value, (counts.get(value) ?? 0) + Number(row.n));
      }
      facets[facet] = [...counts]
        .map(([value, count]) => ({ value, count }))
        .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    }
    return facets;
  }

  /** The table with the filters applied; `anyStatus` drops the status filter (the status facet). */
  filtered(table: ListTable, filters: PageFilters, anyStatus = false) {
    // The columns used here exist in both tables; Kysely types the union table by its common columns.
    let query = this.db.selectFrom(table as 'alerts');
    for (const [column, field] of COLUMNS) {
      const values = filters[field];
      if (!values?.length) continue;
      const named = values.filter((v) => v !== NO_VALUE);
      if (named.length === values.length) query = query.where(column, 'in', values);
      else if (named.length === 0) query = query.where(column, 'is', null);
      else query = query.where((eb) => eb.or([eb(column, 'in', named), eb(column, 'is', null)]));
    }
    for (const { name, value } of filters.labels ?? []) query = query.where(this.labelIs(name, value));
    if (!anyStatus) query = query.where('status', 'in', filters.statuses);
    return query;
  }
}
