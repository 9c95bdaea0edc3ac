import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';

/*
 * Sizes follow the viewport so a 1080p and a 4K screen across the room read alike: 1vw is 19 px at 1920 and 38 px at
 * 3840. The px floors keep a small browser window legible; the caps only stop absurd sizes on giant canvases.
 */
const size = (floorPx: number, vw: number) => `clamp(${floorPx}px, ${vw}vw, ${Math.round(floorPx * 5)}px)`;

export const getWallStyles = (theme: GrafanaTheme2) => ({
  wall: css({ display: 'flex', flexDirection: 'column', gap: size(12, 0.8), minWidth: 0 }),
  bar: css({
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    gap: `${size(8, 0.6)} ${size(16, 1.4)}`,
    fontSize: size(20, 1.3),
  }),
  team: css({ margin: 0, fontSize: size(32, 2.6), fontWeight: theme.typography.fontWeightBold, lineHeight: 1.1 }),
  rotation: css({ color: theme.colors.text.secondary }),
  counts: css({ display: 'flex', flexWrap: 'wrap', gap: size(12, 1), margin: 0, padding: 0, listStyle: 'none' }),
  clock: css({ marginLeft: 'auto', fontVariantNumeric: 'tabular-nums', fontWeight: theme.typography.fontWeightMedium }),
  demo: css({
    padding: `0 ${size(8, 0.5)}`,
    borderRadius: theme.shape.radius.default,
    border: `2px solid ${theme.colors.primary.border}`,
    color: theme.colors.primary.text,
    fontWeight: theme.typography.fontWeightBold,
  }),
  kioskLink: css({ color: theme.colors.text.link, textDecoration: 'underline' }),
  notice: css({
    padding: `${size(8, 0.5)} ${size(16, 1)}`,
    borderRadius: theme.shape.radius.default,
    fontSize: size(22, 1.5),
    fontWeight: theme.typography.fontWeightMedium,
  }),
  staleNotice: css({
    background: theme.colors.warning.main,
    color: theme.colors.warning.contrastText,
  }),
  noticeDetail: css({ fontSize: size(16, 1), fontWeight: theme.typography.fontWeightRegular }),
  warningNotice: css({ border: `2px solid ${theme.colors.warning.border}`, color: theme.colors.warning.text }),
  errorNotice: css({ background: theme.colors.error.main, color: theme.colors.error.contrastText }),
  infoNotice: css({ border: `2px solid ${theme.colors.border.medium}`, color: theme.colors.text.secondary }),
  grid: css({
    display: 'grid',
    gridTemplateColumns: `repeat(auto-fill, minmax(${size(300, 28)}, 1fr))`,
    gap: size(12, 0.8),
    margin: 0,
    padding: 0,
    listStyle: 'none',
  }),
  tile: css({
    display: 'flex',
    flexDirection: 'column',
    gap: size(6, 0.4),
    padding: size(12, 0.9),
    borderRadius: theme.shape.radius.default,
    background: theme.colors.background.secondary,
    borderLeft: `${size(8, 0.5)} solid ${theme.colors.border.strong}`,
    minWidth: 0,
  }),
  ok: css({ borderLeftColor: theme.colors.success.main }),
  degraded: css({ borderLeftColor: theme.colors.warning.main }),
  down: css({ borderLeftColor: theme.colors.error.main }),
  unknown: css({ borderLeftColor: theme.colors.text.disabled }),
  // Stale figures stay readable but cannot pass for current: a dashed frame and the word "stale" on the tile.
  staleTile: css({
    outline: `${size(3, 0.2)} dashed ${theme.colors.warning.border}`,
    outlineOffset: `-${size(3, 0.2)}`,
  }),
  name: css({
    margin: 0,
    fontSize: size(28, 2.2),
    fontWeight: theme.typography.fontWeightBold,
    lineHeight: 1.15,
    overflowWrap: 'anywhere',
  }),
  status: css({
    display: 'inline-flex',
    alignItems: 'center',
    gap: size(6, 0.4),
    fontSize: size(26, 2),
    fontWeight: theme.typography.fontWeightBold,
  }),
  statusIcon: css({ width: '1em', height: '1em' }),
  okText: css({ color: theme.colors.success.text }),
  degradedText: css({ color: theme.colors.warning.text }),
  downText: css({ color: theme.colors.error.text }),
  unknownText: css({ color: theme.colors.text.secondary }),
  figures: css({ display: 'flex', flexWrap: 'wrap', gap: `0 ${size(16, 1.4)}`, margin: 0 }),
  figure: css({ display: 'flex', flexDirection: 'column' }),
  figureLabel: css({ fontSize: size(18, 1.1), color: theme.colors.text.secondary }),
  figureValue: css({
    margin: 0,
    fontSize: size(28, 2.2),
    fontWeight: theme.typography.fontWeightBold,
    fontVariantNumeric: 'tabular-nums',
  }),
  staleValue: css({ color: theme.colors.text.secondary }),
  burning: css({
    margin: 0,
    padding: 0,
    listStyle: 'none',
    fontSize: size(20, 1.4),
    fontWeight: theme.typography.fontWeightMedium,
  }),
  page: css({ color: theme.colors.error.text }),
  ticket: css({ color: theme.colors.warning.text }),
  staleTag: css({
    fontSize: size(18, 1.1),
    color: theme.colors.warning.text,
    fontWeight: theme.typography.fontWeightBold,
  }),
  empty: css({ fontSize: size(24, 1.8), color: theme.colors.text.secondary }),
});

export type WallStyles = ReturnType<typeof getWallStyles>;
