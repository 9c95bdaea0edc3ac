import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { formatDateTime } from '@/components/Timeline/formatTime';
import { testIds } from '@/components/testIds';
import { type EscalationPolicyOnCall, type OnCallContact, type OnCallShift } from '@opsdeck/contract';

const CONTACT_SCHEMES: Record<OnCallContact['type'], string | undefined> = {
  email: 'mailto:',
  phone: 'tel:',
  sms: 'sms:',
  push: undefined,
};

/** A contact as a link a phone can act on (call, text, mail). */
function Contact({ contact }: { contact: OnCallContact }) {
  const styles = useStyles2(getStyles);
  const scheme = CONTACT_SCHEMES[contact.type];
  const label = `${contact.label ?? contact.type}: ${contact.address}`;
  // A plain anchor: tel:/mailto: are for the phone's apps, not for the app router.
  return scheme ? (
    <a href={`${scheme}${contact.address}`} className={styles.link}>
      {label}
    </a>
  ) : (
    <span>{label}</span>
  );
}

function Shift({ shift }: { shift: OnCallShift }) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.shift}>
      <strong>{shift.person.name}</strong>
      <span className={styles.secondary}>
        {shift.start === undefined ? 'always on call' : `${formatDateTime(shift.start)} → ${shift.end === undefined ? 'open' : formatDateTime(shift.end)}`}
      </span>
      {shift.person.contacts.map((c) => (
        <Contact key={`${c.type}:${c.address}`} contact={c} />
      ))}
      {shift.person.contacts.length === 0 && shift.person.email && <Contact contact={{ type: 'email', address: shift.person.email }} />}
    </div>
  );
}

/** One escalation policy: who is on call now and next per level, and the escalation steps. */
export function PolicyCard({ policy }: { policy: EscalationPolicyOnCall }) {
  const styles = useStyles2(getStyles);
  const headingId = `opsdeck-oncall-${policy.id}`;
  return (
    <article className={styles.card} aria-labelledby={headingId} data-testid={testIds.onCall.policy(policy.id)}>
      <h3 id={headingId} className={styles.name}>
        {policy.name}
      </h3>
      <p className={styles.secondary}>
        {policy.teams.length ? `Teams ${policy.teams.join(', ')}` : 'No catalog team'}
        {policy.services.length ? ` · ${policy.services.join(', ')}` : ''}
      </p>
      {policy.layers.map((layer) => (
        <section key={layer.level} className={styles.layer} data-testid={testIds.onCall.layer(policy.id, layer.level)} aria-label={`Level ${layer.level}`}>
          <h4 className={styles.layerName}>
            Level {layer.level}
            {layer.scheduleName ? ` · ${layer.scheduleName}` : ''}
          </h4>
          <div className={styles.columns}>
            <div>
              <div className={styles.label}>Now</div>
              {layer.now.length ? layer.now.map((s, i) => <Shift key={`now-${i}`} shift={s} />) : <span className={styles.secondary}>Nobody</span>}
            </div>
            <div>
              <div className={styles.label}>Next</div>
              {layer.next.length ? layer.next.map((s, i) => <Shift key={`next-${i}`} shift={s} />) : <span className={styles.secondary}>Nobody scheduled</span>}
            </div>
          </div>
        </section>
      ))}
      <h4 className={styles.layerName}>Escalation steps</h4>
      <ol className={styles.steps} data-testid={testIds.onCall.steps(policy.id)}>
        {policy.steps.map((step) => (
          <li key={step.level}>
            Level {step.level}: {step.targets.map((t) => `${t.name} (${t.type})`).join(', ') || 'nobody'}, escalates after {step.delayMinutes} min
          </li>
        ))}
      </ol>
    </article>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  card: css({
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(1.5, 2),
    minWidth: 0,
    overflowWrap: 'anywhere',
  }),
  name: css({ margin: 0, fontSize: theme.typography.h5.fontSize }),
  secondary: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  layer: css({ marginTop: theme.spacing(1.5) }),
  layerName: css({ fontSize: theme.typography.body.fontSize, margin: theme.spacing(1.5, 0, 0.5) }),
  columns: css({ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 200px), 1fr))', gap: theme.spacing(1) }),
  label: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize, textTransform: 'uppercase' }),
  shift: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(0.25), marginBottom: theme.spacing(1) }),
  steps: css({ margin: 0, paddingLeft: theme.spacing(2.5) }),
  link: css({ color: theme.colors.text.link, minHeight: 24, '&:hover': { textDecoration: 'underline' } }),
});
