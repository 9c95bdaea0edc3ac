/**
 * What Grafana draws around a plugin page (its PluginPage implementation): a main landmark with the page title as
 * the one h1, the subtitle and actions. Grafana's nav menu and breadcrumbs are not reproduced.
 */
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import type { PluginPageProps } from '@grafana/runtime';
import { useStyles2 } from '@grafana/ui';
import { createContext, useContext } from 'react';

/** The title Grafana would take from the app's nav for the current URL when the page gives no pageNav. */
export const PageTitleContext = createContext('');

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ padding: theme.spacing(2, 3), minWidth: 0, [theme.breakpoints.down('sm')]: { padding: theme.spacing(1) } }),
  header: css({ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: theme.spacing(1, 2), marginBottom: theme.spacing(2) }),
  title: css({ margin: 0 }),
  subTitle: css({ color: theme.colors.text.secondary, flexBasis: '100%' }),
});

export function HostPluginPage({ pageNav, subTitle, actions, renderTitle, children }: PluginPageProps) {
  const styles = useStyles2(getStyles);
  const fallbackTitle = useContext(PageTitleContext);
  const title = pageNav?.text ?? fallbackTitle;
  return (
    <main className={styles.page}>
      <header className={styles.header}>
        {renderTitle ? renderTitle(title) : <h1 className={styles.title}>{title}</h1>}
        {actions}
        {subTitle ? <div className={styles.subTitle}>{subTitle}</div> : null}
      </header>
      {children}
    </main>
  );
}
