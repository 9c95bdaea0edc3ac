import { Alert as Notice, Button, Field, Input, LoadingPlaceholder } from '@grafana/ui';
import { useEffect, useState } from 'react';
import { type GatewayClient, toGatewayError } from '@/api';
import { testIds } from '@/components/testIds';
import { type EscalationPolicyOnCall, type OnCallResponse } from '@opsdeck/contract';
import { type ActionTarget } from './actionLogic';
import { ASSIGNEE_ID_LABELS, assigneeChoices, levelsOf, policiesFor, rosterAssigns } from './onCallChoices';
import { touchTargets } from './touchTargets';

export interface Choice<V extends string | number> {
  value: V;
  label: string;
  testId: string;
}

/** One choice of a few, as a row of buttons a thumb can hit (a picker would hide them behind a tap). */
export function ChoiceButtons<V extends string | number>({
  label,
  choices,
  value,
  onChange,
}: {
  label: string;
  choices: ReadonlyArray<Choice<V>>;
  value: V | undefined;
  onChange: (value: V) => void;
}) {
  return (
    <div className={touchTargets.row} role="group" aria-label={label}>
      {choices.map((choice) => (
        <Button
          key={choice.value}
          variant={choice.value === value ? 'primary' : 'secondary'}
          onClick={() => onChange(choice.value)}
          aria-pressed={choice.value === value}
          data-testid={choice.testId}
        >
          {choice.label}
        </Button>
      ))}
    </div>
  );
}

interface OnCallState {
  policies?: EscalationPolicyOnCall[];
  /** Whose roster it is. */
  provider?: OnCallResponse['provider'];
  error?: string;
}

/** GET /api/oncall, asked once when a picker that needs it opens. */
export function useOnCallPolicies(client: GatewayClient): OnCallState {
  const [state, setState] = useState<OnCallState>({});
  useEffect(() => {
    let current = true;
    client.onCall().then(
      (answer) => current && setState({ policies: answer.policies, provider: answer.provider }),
      (err) => current && setState({ error: toGatewayError(err).message })
    );
    return () => {
      current = false;
    };
  }, [client]);
  return state;
}

function OnCallLoading({ id, error }: { id: string; error?: string }) {
  return error ? (
    <Notice severity="error" title="Could not load who is on call" data-testid={testIds.actions.onCallError(id)}>
      {error}
    </Notice>
  ) : (
    <LoadingPlaceholder text="Loading who is on call…" />
  );
}

export interface EscalationChoice {
  /** Absent: the next level of the policy the target is at. */
  policy?: EscalationPolicyOnCall;
  level?: number;
}

/** Demo escalation: the next level, or a policy of the on-call roster (the target's own first) at a level. */
export function EscalationPicker({
  client,
  target,
  value,
  onChange,
}: {
  client: GatewayClient;
  target: ActionTarget;
  value: EscalationChoice;
  onChange: (value: EscalationChoice) => void;
}) {
  const { policies, error } = useOnCallPolicies(client);
  if (!policies) {
    return <OnCallLoading id={target.id} error={error} />;
  }
  const NEXT = '';
  return (
    <>
      <Field label="Escalate to" description="The next level of the policy it is at, or a policy of the roster">
        <ChoiceButtons<string>
          label="Escalate to"
          value={value.policy?.id ?? NEXT}
          onChange={(policyId) =>
            onChange(policyId === NEXT ? {} : { policy: policies.find((p) => p.id === policyId), level: 1 })
          }
          choices={[
            { value: NEXT, label: 'Next level', testId: testIds.actions.escalationPolicy(target.id, 'next') },
            ...policiesFor(policies, target).map((p) => ({
              value: p.id,
              label: p.name,
              testId: testIds.actions.escalationPolicy(target.id, p.id),
            })),
          ]}
        />
      </Field>
      {value.policy && (
        <Field label="Level">
          <ChoiceButtons<number>
            label="Level"
            value={value.level}
            onChange={(level) => onChange({ ...value, level })}
            choices={levelsOf(value.policy).map(({ level, people }) => ({
              value: level,
              label: `${level}: ${people.join(', ') || 'nobody'}`,
              testId: testIds.actions.escalationLevel(target.id, level),
            }))}
          />
        </Field>
      )}
    </>
  );
}

/**
 * Reassign: a person of the on-call roster, the target's own policies' people first; where the roster is another
 * source's, the source's own user id typed in.
 */
export function AssigneePicker({
  client,
  target,
  value,
  onChange,
}: {
  client: GatewayClient;
  target: ActionTarget;
  value: string | undefined;
  onChange: (personId: string, name: string) => void;
}) {
  const { policies, provider, error } = useOnCallPolicies(client);
  const typed = ASSIGNEE_ID_LABELS[target.source];
  if (typed && !target.demo && (error || (provider && !rosterAssigns(provider, target)))) {
    return (
      <Field label="Reassign to" description={`The ${typed}: who is on call here comes from another source`}>
        <Input
          value={value ?? ''}
          onChange={(e) => onChange(e.currentTarget.value.trim(), e.currentTarget.value.trim())}
          className={touchTargets.input}
          data-testid={testIds.actions.assigneeId(target.id)}
        />
      </Field>
    );
  }
  if (!policies) {
    return <OnCallLoading id={target.id} error={error} />;
  }
  const choices = assigneeChoices(policies, target);
  return (
    <Field label="Reassign to" description="People on the on-call roster, this alert's team first">
      <ChoiceButtons<string>
        label="Reassign to"
        value={value}
        onChange={(personId) => onChange(personId, choices.find((c) => c.person.id === personId)?.person.name ?? '')}
        choices={choices.map((c) => ({
          value: c.person.id,
          label: `${c.person.name} (${c.where})`,
          testId: testIds.actions.assignee(target.id, c.person.id),
        }))}
      />
    </Field>
  );
}
