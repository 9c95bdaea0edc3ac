import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Alert, LoadingPlaceholder, TextLink, useStyles2 } from '@grafana/ui';
import { type ReactNode } from 'react';
import { sectionStyles } from './sectionStyles';

/**
 * A Service-page section that shows one of the Reliability page's analyses for this service: its heading, a link to
 * the Reliability tab filtered to the service, and what the load is doing. The figures are the children.
 */
export function ReliabilityFrame({
  id,
  title,
  href,
  what,
  error,
  loaded,
  testIds,
  children,
}: {
  /** The heading's element id (the section is labelled by it). */
  id: string;
  title: string;
  href: string;
  /** What loads, in the reader's words: "alert fatigue". */
  what: string;
  error?: string;
  loaded: boolean;
  testIds: { section: string; link: string; error: string };
  children: ReactNode;
}) {
  const styles = useStyles2(getStyles);
  return (
    <section aria-labelledby={id} className={styles.section} data-testid={testIds.section}>
      <div className={styles.line}>
        <h2 id={id} className={styles.heading}>
          {title}
        </h2>
        <TextLink href={href} inline={false} data-testid={testIds.link}>
          Open in Reliability
        </TextLink>
      </div>
      {error && (
        <Alert severity="warning" title={`Could not load ${what}`} data-testid={testIds.error}>
          {error}
        </Alert>
      )}
      {!loaded && !error && <LoadingPlaceholder text={`Loading ${what}…`} />}
      {children}
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  ...sectionStyles(theme),
  line: css({
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
  }),
});
