import { type GrafanaTheme2 } from '@grafana/data';

// Style objects, not class names, so that a caller can add to them in its own css({ ... }).

/** A raised box on the page: the frame shared by cards and inline forms. */
export const boxStyle = (theme: GrafanaTheme2) => ({
  background: theme.colors.background.primary,
  border: `1px solid ${theme.colors.border.weak}`,
  borderRadius: theme.shape.radius.default,
  padding: theme.spacing(1.5, 2),
  minWidth: 0,
});

/** A card whose thick left edge carries its state; each state sets `borderLeftColor`. */
export const accentCardStyle = (theme: GrafanaTheme2) => ({
  ...boxStyle(theme),
  borderLeftWidth: theme.spacing(0.5),
});

/** A card's title row: the title at the left, its state at the right, wrapping on a narrow screen. */
export const cardHeaderStyle = (theme: GrafanaTheme2) =>
  ({
    display: 'flex',
    flexWrap: 'wrap',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
  }) as const;

/** A list without bullets or indent, its items stacked `gap` spacing units apart. */
export const stackedListStyle = (theme: GrafanaTheme2, gap = 1) =>
  ({
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(gap),
  }) as const;

/** A table of figures that scrolls sideways inside its own frame on a phone: the frame, then the table. */
export const figureTableStyles = (theme: GrafanaTheme2) =>
  ({
    scroll: {
      position: 'relative',
      overflowX: 'auto',
      maxWidth: '100%',
      border: `1px solid ${theme.colors.border.weak}`,
      borderRadius: theme.shape.radius.default,
      '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}`, outlineOffset: 2 },
    },
    table: {
      width: '100%',
      borderCollapse: 'collapse',
      fontVariantNumeric: 'tabular-nums',
      'th, td': {
        padding: theme.spacing(0.75, 1.5),
        textAlign: 'left',
        whiteSpace: 'nowrap',
        borderBottom: `1px solid ${theme.colors.border.weak}`,
        verticalAlign: 'top',
      },
      'thead th': {
        color: theme.colors.text.secondary,
        fontWeight: theme.typography.fontWeightMedium,
        background: theme.colors.background.secondary,
      },
      'tbody th': { fontWeight: theme.typography.fontWeightRegular },
    },
  }) as const;
