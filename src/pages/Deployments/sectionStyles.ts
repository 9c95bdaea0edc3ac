import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { stackedListStyle } from '@/components/layoutStyles';

/** The heading, quiet text and card list shared by the Deployments page's list sections. */
export const listSectionStyles = (theme: GrafanaTheme2) => ({
  heading: css({ fontSize: theme.typography.h4.fontSize, marginBottom: theme.spacing(1) }),
  secondary: css({ color: theme.colors.text.secondary, margin: 0 }),
  list: css(stackedListStyle(theme)),
});
