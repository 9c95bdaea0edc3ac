import fs from 'node:fs';
import path from 'node:path';
import { incidentDetailFixture } from './incidentFixtures';
import { POSTMORTEM_TEMPLATE, postmortemDraft } from './postmortemDraft';

describe('postmortemDraft', () => {
  it('bundles docs/templates/postmortem.md itself', () => {
    const onDisk = fs.readFileSync(path.resolve(__dirname, '../../../docs/templates/postmortem.md'), 'utf8');
    expect(POSTMORTEM_TEMPLATE).toBe(onDisk);
  });

  it('fills the facts, impacted services, timeline and alert history, leaving the human parts', () => {
    const { incident, alerts } = incidentDetailFixture();
    const draft = postmortemDraft(incident, alerts);
    expect(draft).toContain('# Post-mortem: Checkout | errors');
    expect(draft).toContain('| Incident | PD123 (pagerduty) |');
    expect(draft).toContain('| Started | 2026-11-27T11:00:00Z |');
    expect(draft).toContain('| Resolved | 2026-11-27T11:50:00Z |');
    expect(draft).toContain('| Duration | 50 min |');
    expect(draft).toContain('| Impacted services | checkout-api, orders-db |');
    expect(draft).toContain('| 2026-11-27T11:26:40Z | Note | erin | rolled back deploy 42 |');
    expect(draft).toContain('| 2026-11-27T11:01:40Z |  | orders-db | critical | resolved | alertmanager | DB pool full |');
    expect(draft).toContain('## Root cause');
    expect(draft).not.toMatch(/\{\{\w+\}\}/);
  });

  it('says an open incident is ongoing', () => {
    const { incident } = incidentDetailFixture();
    const open = { ...incident, status: 'acknowledged' as const, timeline: incident.timeline.slice(0, 2) };
    const draft = postmortemDraft(open, []);
    expect(draft).toContain('| Resolved | not yet |');
    expect(draft).toContain('| Duration | ongoing |');
    expect(draft).toContain('_No alerts are linked to this incident._');
  });
});
