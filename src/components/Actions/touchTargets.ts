import { css } from '@emotion/css';

/**
 * One-thumb use on a phone: every control at least 44 px tall and wide (WCAG 2.5.5, Apple's HIG) where the screen
 * is narrow or the pointer is a finger; desktop keeps Grafana's denser sizes.
 */
export const TOUCH_PX = 44;
const onTouch = `@media (max-width: 768px), (pointer: coarse)`;

export const touchTargets = {
  /** A wrapping row of buttons whose buttons grow to the touch size. */
  row: css({
    display: 'flex',
    flexWrap: 'wrap',
    gap: 8,
    [onTouch]: { button: { minHeight: TOUCH_PX, minWidth: TOUCH_PX } },
  }),
  /** One button or link on its own. */
  control: css({ [onTouch]: { minHeight: TOUCH_PX, minWidth: TOUCH_PX } }),
  input: css({ [onTouch]: { input: { minHeight: TOUCH_PX } } }),
};
