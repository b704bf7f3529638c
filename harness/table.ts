/**
 * Plain-text tables for the terminal: a header row, a dashed rule, then the rows, each
 * column as wide as its widest cell. Numbers read best right-aligned, so a column can ask
 * for that. Shared by the CLIs that print tables (the bench, verify).
 */
export interface Column {
  header: string;
  /** Default 'left'. */
  align?: 'left' | 'right';
}

export function formatTable(columns: Column[], rows: string[][]): string {
  const widths = columns.map((column, i) => Math.max(column.header.length, ...rows.map((row) => (row[i] ?? '').length)));
  const render = (cells: string[]) =>
    columns
      .map((column, i) => {
        const cell = cells[i] ?? '';
        return column.align === 'right' ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!);
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [render(columns.map((c) => c.header)), rule, ...rows.map(render)].join('\n');
}
