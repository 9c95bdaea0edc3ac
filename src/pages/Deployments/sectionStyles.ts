import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { stackedListStyle } from '@/components/layoutStyles';

/** The heading, quiet text, card list and one-line row shared by the Deployments page's list sections. */
export const listSectionStyles = (theme: GrafanaTheme2) => ({
  heading: css({ fontSize: theme.typography.h4.fontSize, marginBottom: theme.spacing(1) }),
  secondary: css({ color: theme.colors.text.secondary, margin: 0 }),
  list: css(stackedListStyle(theme)),
  line: css({
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    overflowWrap: 'anywhere',
  }),
});

/** The frame of one item in those lists (a style object, so each section adds its own layout). */
export const listItemFrame = (theme: GrafanaTheme2) => ({
  padding: theme.spacing(1, 2),
  border: `1px solid ${theme.colors.border.weak}`,
  borderRadius: theme.shape.radius.default,
  minWidth: 0,
});
