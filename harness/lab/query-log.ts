/** What reached Postgres: one entry per statement the lab's code sent. */
export interface QueryRecord {
  text: string;
  kind: 'select' | 'insert' | 'update' | 'delete' | 'other';
  tables: string[];
  /** The statement's parameters ($1, $2...), as the code passed them. */
  values: unknown[];
}

export interface QueryFilter {
  table?: string;
  kind?: QueryRecord['kind'];
  /** Only statements with these parameters: one scenario's rows among others' running at once. */
  values?: unknown[];
}

const TABLE_REFERENCE = /\b(?:from|into|update|join)\s+"?(?:\w+"?\.)?"?(\w+)"?/gi;

export class QueryLog {
  readonly entries: QueryRecord[] = [];

  record(text: string, values: unknown[] = []): void {
    const verb = text.trim().split(/\s+/, 1)[0]!.toLowerCase();
    const kind = (['select', 'insert', 'update', 'delete'] as const).find((k) => k === verb) ?? 'other';
    const tables = [...text.matchAll(TABLE_REFERENCE)].map((match) => match[1]!.toLowerCase());
    this.entries.push({ text, kind, tables, values });
  }

  /** How many statements matched the filter, e.g. `count({ table: 'products', kind: 'select', values: [2] })`. */
  count(filter: QueryFilter = {}): number {
    const wanted = filter.values && JSON.stringify(filter.values);
    const sameValues = (values: unknown[]) => !wanted || JSON.stringify(values) === wanted;
    return this.entries.filter(
      (entry) =>
        (!filter.table || entry.tables.includes(filter.table)) && (!filter.kind || entry.kind === filter.kind) && sameValues(entry.values),
    ).length;
  }

  reset(): void {
    this.entries.length = 0;
  }
}
