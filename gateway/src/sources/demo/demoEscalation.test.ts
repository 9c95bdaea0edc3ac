import { loadCatalog } from '../../catalog';
import { demoOnCall } from '../../alerts/oncall/demoRoster';
import { ActionInputError, ActionNotSupportedError } from '../../upstream/incidentActions';
import { escalationStep, rosterPeople } from './demoEscalation';
import path from 'node:path';

const catalog = loadCatalog(path.resolve(__dirname, '../../../../provisioning/opsdeck/services.yaml'));
const { policies } = demoOnCall(catalog.services, Date.parse('2026-11-27T12:00:00Z'));
const [first, second] = policies;
const service = first.services[0];

describe('demo escalation', () => {
  it("goes to the next level of the service's policy, then refuses past the last one", () => {
    const step = escalationStep(policies, service, undefined, {});
    expect(step).toMatchObject({ policyId: first.id, level: 2, people: first.layers[1].now.map((s) => s.person) });
    expect(() => escalationStep(policies, service, step, {})).toThrow(ActionNotSupportedError);
  });

  it('hands over to a chosen policy at level 1 or the level asked', () => {
    expect(
      escalationStep(policies, service, { policyId: first.id, level: 2 }, { escalation: second.id })
    ).toMatchObject({ policyId: second.id, level: 1 });
    expect(escalationStep(policies, service, undefined, { escalation: second.id, level: 2 }).level).toBe(2);
  });

  it('refuses unknown policies and levels as bad input', () => {
    expect(() => escalationStep(policies, service, undefined, { escalation: 'nope' })).toThrow(ActionInputError);
    expect(() => escalationStep(policies, service, undefined, { level: 3 })).toThrow(ActionInputError);
    expect(() => escalationStep(policies, 'no-such-service', undefined, {})).toThrow(ActionInputError);
  });

  it('lists everyone on the roster once', () => {
    const people = rosterPeople(policies);
    expect(new Set(people.map((p) => p.id)).size).toBe(people.length);
    expect(people.map((p) => p.id)).toContain(first.layers[1].now[0].person.id);
  });
});
