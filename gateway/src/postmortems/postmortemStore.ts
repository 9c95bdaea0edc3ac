import { type Kysely, type Selectable } from 'kysely';
import { type Postmortem } from '@opsdeck/contract';
import { type Database, type PostmortemsTable } from '../store/schema';

/** Post-mortems by incident id, on SQLite and Postgres alike. */
export class PostmortemStore {
  constructor(private readonly db: Kysely<Database>) {}

  async get(incidentId: string): Promise<Postmortem | null> {
    const row = await this.db.selectFrom('postmortems').selectAll().where('incident_id', '=', incidentId).executeTakeFirst();
    return row ? toPostmortem(row) : null;
  }

  /** Inserts or replaces the incident's post-mortem and returns what is stored. */
  async save(postmortem: Postmortem): Promise<Postmortem> {
    const values = {
      incident_id: postmortem.incidentId,
      markdown: postmortem.markdown,
      updated_at: postmortem.updatedAt,
      updated_by: postmortem.updatedBy,
    };
    await this.db
      .insertInto('postmortems')
      .values(values)
      .onConflict((oc) => oc.column('incident_id').doUpdateSet({ markdown: values.markdown, updated_at: values.updated_at, updated_by: values.updated_by }))
      .execute();
    return postmortem;
  }

  /** Whether the incident exists in the alert store, so a post-mortem is never orphaned by a typo in a URL. */
  async incidentExists(incidentId: string): Promise<boolean> {
    const row = await this.db.selectFrom('incidents').select('id').where('id', '=', incidentId).executeTakeFirst();
    return row !== undefined;
  }
}

// pg hands bigint columns back as strings; epoch ms fit a Number exactly.
function toPostmortem(row: Selectable<PostmortemsTable>): Postmortem {
  return { incidentId: row.incident_id, markdown: row.markdown, updatedAt: Number(row.updated_at), updatedBy: row.updated_by };
}
