import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { type RuleFatigue } from '@opsdeck/contract';
import { boxStyle, stackedListStyle } from '@/components/layoutStyles';
import { testIds } from '@/components/testIds';
import { formatScore, ruleEvidence, ruleKey, scoreBars } from './fatigueFigures';
import { reliabilitySectionStyles } from './sectionStyles';
import { WorstFirstBars } from './WorstFirstBars';

/** The gateway's 10 rules to fix first, in its order, each with what it did to the people it paged. */
export function FixFirstRules({ rules }: { rules: RuleFatigue[] }) {
  const styles = useStyles2(getStyles);
  return (
    <section aria-labelledby="opsdeck-fatigue-fix-first" className={styles.section}>
      <h3 id="opsdeck-fatigue-fix-first" className={styles.subheading}>
        The {rules.length === 1 ? 'rule' : `${rules.length} rules`} to fix first
      </h3>
      <p className={styles.secondary}>Highest score first, then most pages in sleep hours.</p>
      <WorstFirstBars
        bars={scoreBars(rules, ruleKey, (r) => r.figures)}
        label="Alert-fatigue score of the rules to fix first, highest first"
        max={100}
        testId={testIds.reliability.chart('fatigue-rules')}
        barTestId={(key) => testIds.reliability.chartBar('fatigue-rules', key)}
      />
      <ol className={styles.cards} data-testid={testIds.reliability.fatigue.fixFirst}>
        {rules.map((rule) => {
          const key = ruleKey(rule);
          return (
            <li key={key} className={styles.card} data-testid={testIds.reliability.fatigue.rule(key)}>
              <div className={styles.cardHeader}>
                <span className={styles.name}>{rule.rule.name}</span>
                <span className={styles.score} data-testid={testIds.reliability.fatigue.ruleScore(key)}>
                  {formatScore(rule.figures.score.score)} / 100
                </span>
              </div>
              <span className={styles.secondary}>
                {rule.team || 'no team'} · {rule.services.join(', ') || 'no service'} · {rule.figures.alerts}{' '}
                {rule.figures.alerts === 1 ? 'alert' : 'alerts'}, {rule.figures.interruptions} paged someone
              </span>
              <dl className={styles.evidence}>
                {ruleEvidence(rule).map((e) => (
                  <div key={e.id} data-testid={testIds.reliability.fatigue.ruleEvidence(key, e.id)}>
                    <dt>{e.label}</dt>
                    <dd>{e.value}</dd>
                  </div>
                ))}
              </dl>
              <ul className={styles.components} aria-label={`What makes up the score of ${rule.rule.name}`}>
                {rule.figures.score.components
                  .filter((c) => c.points > 0)
                  .map((c) => (
                    <li key={c.id}>
                      {c.label}: {Math.round(c.points)} of {c.weight} points ({c.detail})
                    </li>
                  ))}
              </ul>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  ...reliabilitySectionStyles(theme),
  cards: css({ ...stackedListStyle(theme), paddingLeft: 0 }),
  card: css({ ...boxStyle(theme), display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5) }),
  cardHeader: css({
    display: 'flex',
    flexWrap: 'wrap',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
    overflowWrap: 'anywhere',
  }),
  name: css({ fontWeight: theme.typography.fontWeightMedium, minWidth: 0 }),
  score: css({ fontVariantNumeric: 'tabular-nums', fontWeight: theme.typography.fontWeightMedium }),
  evidence: css({
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 150px), 1fr))',
    gap: theme.spacing(1),
    margin: 0,
    dt: { color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize },
    dd: { margin: 0, fontVariantNumeric: 'tabular-nums', overflowWrap: 'anywhere' },
  }),
  components: css({
    margin: 0,
    paddingLeft: theme.spacing(2),
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    overflowWrap: 'anywhere',
  }),
});
