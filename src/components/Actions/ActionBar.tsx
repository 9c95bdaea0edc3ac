import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Alert as Notice, Button, Field, Input, TextArea, useStyles2 } from '@grafana/ui';
import { useEffect, useMemo, useState } from 'react';
import { type ActionBodies, type ClientActionKind, type Clock, type GatewayClient, systemClock } from '@/api';
import { testIds } from '@/components/testIds';
import { ALERT_SEVERITIES, type ActionResult, type AlertSeverity, actionSupport } from '@opsdeck/contract';
import {
  ACTION_LABELS,
  type ActionTarget,
  actionsFor,
  DEFAULT_SNOOZE_MS,
  describeRequest,
  doingText,
  newAttempt,
  type RequestNames,
  SNOOZE_PRESETS,
  untilTime,
} from './actionLogic';
import { levelsOf } from './onCallChoices';
import { AssigneePicker, ChoiceButtons, type EscalationChoice, EscalationPicker } from './OnCallPickers';
import { touchTargets } from './touchTargets';
import { useActionRunner } from './useActionRunner';

const ICONS = {
  acknowledge: 'check',
  resolve: 'check-circle',
  snooze: 'clock-nine',
  escalate: 'arrow-up',
  note: 'comment-alt',
  reassign: 'user',
  severity: 'exclamation-triangle',
} as const;

interface Props {
  client: GatewayClient;
  /** What to act on; `target.demo` says the gateway acts on it at the demo's stand-ins, and the sentences say so. */
  target: ActionTarget;
  /** A keyboard shortcut asks for this action's form; changes of `requestKey` reopen it. */
  requested?: { action: ClientActionKind; requestKey: number };
  onDone?: (result: ActionResult) => void;
  clock?: Clock;
}

/**
 * Every action the target's source supports, the most likely first. Choosing one shows what it will do at which
 * source; confirming sends it with a fresh Idempotency-Key, shows progress and then the source's answer. Only
 * rendered for Editors: Viewers get no controls (and Grafana's proxy refuses their writes anyway).
 */
export function ActionBar({ client, target, requested, onDone, clock = systemClock }: Props) {
  const styles = useStyles2(getStyles);
  const runner = useActionRunner(client, onDone);
  const [chosen, setChosen] = useState<ClientActionKind>();
  const [snoozeMs, setSnoozeMs] = useState<number>(DEFAULT_SNOOZE_MS);
  const [untilInput, setUntilInput] = useState('');
  const [note, setNote] = useState('');
  const [level, setLevel] = useState('2');
  const [escalation, setEscalation] = useState('');
  const [policy, setPolicy] = useState<EscalationChoice>({});
  const [assignee, setAssignee] = useState<{ id: string; name: string }>();
  const [severity, setSeverity] = useState<AlertSeverity>();
  const actions = actionsFor(target);
  const id = target.id;
  const escalateBy = actionSupport(target.source, 'escalate', target).escalateBy;

  useEffect(() => {
    if (requested) {
      setChosen(requested.action);
      runner.clear();
    }
    // Only a new request reopens the form, not every render of the same one.
  }, [requested?.requestKey]);
  useEffect(() => setChosen(undefined), [id]);

  const now = clock.now();
  const body = useMemo((): ActionBodies[ClientActionKind] | undefined => {
    switch (chosen) {
      case 'snooze': {
        const until = untilInput ? untilTime(now, untilInput) : now + snoozeMs;
        return until === undefined ? undefined : { until };
      }
      case 'note':
        return note.trim() ? { text: note.trim() } : undefined;
      case 'escalate':
        if (escalateBy === 'policy') {
          return policy.policy ? { escalation: policy.policy.id, level: policy.level } : {};
        }
        if (escalateBy === 'name' || escalateBy === 'id') {
          return escalation.trim() ? { escalation: escalation.trim() } : undefined;
        }
        return Number(level) >= 1 ? { level: Number(level) } : undefined;
      case 'reassign':
        return assignee?.id ? { assignee: assignee.id } : undefined;
      case 'severity':
        return severity && severity !== target.severity ? { severity } : undefined;
      case undefined:
        return undefined;
      default:
        return {};
    }
  }, [chosen, untilInput, now, snoozeMs, note, escalation, level, escalateBy, policy, assignee, severity, target]);
  const names: RequestNames = {
    policyName: policy.policy?.name,
    people: policy.policy && levelsOf(policy.policy).find((l) => l.level === policy.level)?.people,
    assignee: assignee?.name,
  };

  if (actions.length === 0) {
    return null;
  }
  const busy = runner.running !== undefined;
  const confirm = async () => {
    if (!chosen || !body) {
      return;
    }
    const result = await runner.run(newAttempt(target, chosen, body));
    if (result?.outcome === 'done') {
      setChosen(undefined);
      setNote('');
      setUntilInput('');
      setPolicy({});
      setAssignee(undefined);
      setSeverity(undefined);
    }
  };

  return (
    <div className={styles.bar} data-testid={testIds.actions.bar(id)}>
      <div className={touchTargets.row} role="group" aria-label={`Actions on ${target.title}`}>
        {actions.map((action, index) => (
          <Button
            key={action}
            icon={ICONS[action]}
            variant={index === 0 ? 'primary' : 'secondary'}
            fill={chosen === action || index === 0 ? 'solid' : 'outline'}
            onClick={() => {
              setChosen(chosen === action ? undefined : action);
              runner.clear();
            }}
            disabled={busy}
            aria-expanded={chosen === action}
            data-testid={testIds.actions.button(id, action)}
          >
            {ACTION_LABELS[action]}
          </Button>
        ))}
      </div>
      {chosen && (
        <div className={styles.form} data-testid={testIds.actions.form(id)}>
          {chosen === 'snooze' && (
            <>
              <div className={touchTargets.row} role="group" aria-label="Snooze for">
                {SNOOZE_PRESETS.map((preset) => (
                  <Button
                    key={preset.label}
                    variant={!untilInput && snoozeMs === preset.ms ? 'primary' : 'secondary'}
                    onClick={() => {
                      setSnoozeMs(preset.ms);
                      setUntilInput('');
                    }}
                    aria-pressed={!untilInput && snoozeMs === preset.ms}
                    data-testid={testIds.actions.snoozePreset(id, preset.label)}
                  >
                    {preset.label}
                  </Button>
                ))}
              </div>
              <Field label="Or until" description="Local time; a time already past today means tomorrow">
                <Input
                  type="time"
                  value={untilInput}
                  onChange={(e) => setUntilInput(e.currentTarget.value)}
                  className={touchTargets.input}
                  data-testid={testIds.actions.snoozeUntil(id)}
                />
              </Field>
            </>
          )}
          {chosen === 'note' && (
            <Field label="Note" description="Added to the timeline with your name">
              <TextArea
                value={note}
                rows={3}
                onChange={(e) => setNote(e.currentTarget.value)}
                data-testid={testIds.actions.noteText(id)}
                autoFocus
              />
            </Field>
          )}
          {chosen === 'escalate' && escalateBy === 'policy' && (
            <EscalationPicker client={client} target={target} value={policy} onChange={setPolicy} />
          )}
          {chosen === 'escalate' && (escalateBy === 'name' || escalateBy === 'id') && (
            <Field
              label={escalateBy === 'id' ? 'Escalation id' : 'Escalation'}
              description={`The ${escalateBy === 'id' ? 'JSM Operations escalation id' : 'Opsgenie escalation name'} to escalate to`}
            >
              <Input
                value={escalation}
                onChange={(e) => setEscalation(e.currentTarget.value)}
                className={touchTargets.input}
                data-testid={testIds.actions.escalation(id)}
              />
            </Field>
          )}
          {chosen === 'escalate' && escalateBy === 'level' && (
            <Field label="Escalation level" description="2 is the next level after the first responder">
              <Input
                type="number"
                min={1}
                value={level}
                onChange={(e) => setLevel(e.currentTarget.value)}
                className={touchTargets.input}
                data-testid={testIds.actions.escalateLevel(id)}
              />
            </Field>
          )}
          {chosen === 'reassign' && (
            <AssigneePicker
              client={client}
              target={target}
              value={assignee?.id}
              onChange={(personId, name) => setAssignee({ id: personId, name })}
            />
          )}
          {chosen === 'severity' && (
            <Field label="Severity" description={target.severity ? `Now ${target.severity}` : undefined}>
              <ChoiceButtons<AlertSeverity>
                label="Severity"
                value={severity}
                onChange={setSeverity}
                choices={ALERT_SEVERITIES.map((s) => ({ value: s, label: s, testId: testIds.actions.severity(id, s) }))}
              />
            </Field>
          )}
          <p className={styles.description} data-testid={testIds.actions.description(id)}>
            {describeRequest(target, chosen, body ?? ({} as ActionBodies[ClientActionKind]), now, names)}
          </p>
          <div className={touchTargets.row}>
            <Button
              icon={ICONS[chosen]}
              onClick={confirm}
              disabled={busy || !body}
              data-testid={testIds.actions.confirm(id)}
            >
              {ACTION_LABELS[chosen]}
            </Button>
            <Button
              variant="secondary"
              fill="outline"
              onClick={() => setChosen(undefined)}
              data-testid={testIds.actions.cancel(id)}
            >
              Cancel
            </Button>
          </div>
        </div>
      )}
      <div aria-live="polite">
        {runner.running && (
          <p className={styles.description} data-testid={testIds.actions.progress(id)}>
            {doingText(runner.running.action)}…
          </p>
        )}
        {runner.outcome && (
          <Notice
            severity={runner.outcome.severity}
            title={runner.outcome.text}
            data-testid={testIds.actions.result(id)}
            onRemove={runner.clear}
          >
            {runner.retryable && (
              <Button size="sm" variant="secondary" onClick={runner.retry} data-testid={testIds.actions.retry(id)}>
                Retry (acts once)
              </Button>
            )}
          </Notice>
        )}
      </div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  bar: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1), minWidth: 0 }),
  form: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
    padding: theme.spacing(1.5),
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    minWidth: 0,
  }),
  description: css({ margin: 0, color: theme.colors.text.secondary }),
});
