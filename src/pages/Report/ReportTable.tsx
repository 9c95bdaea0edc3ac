import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { type ReactNode } from 'react';
import { type ReportSection, testIds } from '@/components/testIds';
import { figureTableStyles } from '@/components/layoutStyles';

export interface ReportColumn<T> {
  /** The cell's test id suffix. */
  id: string;
  header: string;
  cell: (row: T) => ReactNode;
}

interface Props<T> {
  section: ReportSection;
  /** Read out for the scroll container: "SLO attainment by service". */
  label: string;
  columns: ReadonlyArray<ReportColumn<T>>;
  rows: readonly T[];
  rowKey: (row: T) => string;
}

/**
 * One of the report's tables: the first column heads its row. On a phone it scrolls sideways inside its own frame;
 * on paper the print rules let it take the page's width.
 */
export function ReportTable<T>({ section, label, columns, rows, rowKey }: Props<T>) {
  const styles = useStyles2(reportTableStyles);
  const [first, ...rest] = columns;
  return (
    <div className={styles.scroll} tabIndex={0} role="region" aria-label={`${label}, scrolls sideways`}>
      <table className={styles.table}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.id} scope="col">
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const key = rowKey(row);
            return (
              <tr key={key} data-testid={testIds.report.row(section, key)}>
                <th scope="row" data-testid={testIds.report.cell(section, key, first.id)}>
                  {first.cell(row)}
                </th>
                {rest.map((column) => (
                  <td key={column.id} data-testid={testIds.report.cell(section, key, column.id)}>
                    {column.cell(row)}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The frame and table of every table in the report, the fixed figure tables included. */
export const reportTableStyles = (theme: GrafanaTheme2) => ({
  scroll: css(figureTableStyles(theme).scroll),
  table: css(figureTableStyles(theme).table),
});
