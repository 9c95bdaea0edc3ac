import { css } from '@emotion/css';

/**
 * The report's root: the one element a printout keeps. Theme-free, so its class name is the same in both themes and
 * the print rules below can name it. Joined to other classes as a string, never with `cx`, which would merge it
 * into a new class name.
 */
export const PRINT_ROOT = css({ label: 'opsdeck-report-print-root' });

/** Controls that make no sense on paper (filters, buttons); also hidden where `:has()` is not supported. */
export const NO_PRINT = css({ label: 'opsdeck-report-no-print' });

/**
 * Print rules, rendered as a `<style media="print">` while the report is on screen. Grafana draws an app page inside
 * its chrome (nav, top bar, a scroll container of fixed height), which would print as a dark frame around a report
 * cut at the first page. So every ancestor of the root becomes a plain block that lets its content flow over pages,
 * and everything beside that line of ancestors is left out (`:has()`: Chromium 105+, Firefox 121+, Safari 15.4+).
 * Inside, black on white, tables at full width (cells wrap, row headers do not), and no row or section split across
 * a page.
 */
export function printCss(root: string = PRINT_ROOT, noPrint: string = NO_PRINT): string {
  return `
@page { margin: 14mm 12mm; }
html, body { background: #fff !important; color: #000 !important; height: auto !important; overflow: visible !important; }
:has(.${root}) {
  display: block !important; position: static !important; overflow: visible !important;
  height: auto !important; min-height: 0 !important; max-height: none !important; width: auto !important;
  max-width: none !important; margin: 0 !important; padding: 0 !important; border: 0 !important;
  background: #fff !important; box-shadow: none !important; transform: none !important;
}
:has(.${root}) > :not(:has(.${root})):not(.${root}) { display: none !important; }
.${root} { color: #000 !important; background: #fff !important; font-size: 10pt; }
.${root} * {
  color: #000 !important; background: transparent !important; box-shadow: none !important;
  border-color: #999 !important; -webkit-print-color-adjust: economy; print-color-adjust: economy;
}
.${noPrint} { display: none !important; }
.${root} section { break-inside: avoid; }
.${root} h2, .${root} h3 { break-after: avoid; }
.${root} [role='region'] { overflow: visible !important; border: 0 !important; }
.${root} table { width: 100% !important; }
.${root} thead { display: table-header-group; }
.${root} tr { break-inside: avoid; }
.${root} th, .${root} td { white-space: normal !important; border-bottom: 1px solid #999 !important; }
.${root} tbody th { white-space: nowrap !important; }
`;
}
