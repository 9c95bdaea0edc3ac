import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { figureTableStyles } from '@/components/layoutStyles';

/** What every part of the Reliability page shares: a section, its heading row, quiet text and figure tables. */
export const reliabilitySectionStyles = (theme: GrafanaTheme2) => ({
  section: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1), minWidth: 0 }),
  headingRow: css({
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
  }),
  heading: css({ fontSize: theme.typography.h4.fontSize, margin: 0 }),
  subheading: css({ fontSize: theme.typography.h5.fontSize, margin: 0 }),
  secondary: css({ color: theme.colors.text.secondary, margin: 0 }),
  scroll: css(figureTableStyles(theme).scroll),
  table: css(figureTableStyles(theme).table),
  /** A chart beside its table on a wide screen, above it on a narrow one. */
  pair: css({
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 360px), 1fr))',
    gap: theme.spacing(2),
    alignItems: 'start',
    minWidth: 0,
    '& > *': { minWidth: 0 },
  }),
});
