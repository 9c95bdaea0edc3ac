import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { boxStyle, stackedListStyle } from '@/components/layoutStyles';

/** The frame every section of the Service page shares: a box with a heading, quiet text and fact lists. */
export const sectionStyles = (theme: GrafanaTheme2) => ({
  section: css({ ...boxStyle(theme), display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
  heading: css({ fontSize: theme.typography.h4.fontSize, margin: 0 }),
  subheading: css({ fontSize: theme.typography.h5.fontSize, margin: 0 }),
  secondary: css({ color: theme.colors.text.secondary, margin: 0 }),
  list: css(stackedListStyle(theme)),
  facts: css({
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 160px), 1fr))',
    gap: theme.spacing(1),
    margin: 0,
    dt: { color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize },
    dd: { margin: 0, fontVariantNumeric: 'tabular-nums', overflowWrap: 'anywhere' },
  }),
  line: css({
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    overflowWrap: 'anywhere',
  }),
});
