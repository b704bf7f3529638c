/** What reached Postgres: one entry per statement the lab's code sent. */
export interface QueryRecord {
  text: string;
  kind: 'select' | 'insert' | 'update' | 'delete' | 'other';
  tables: string[];
}

export interface QueryFilter {
  table?: string;
  kind?: QueryRecord['kind'];
}

const TABLE_REFERENCE = /\b(?:from|into|update|join)\s+"?(?:\w+"?\.)?"?(\w+)"?/gi;

export class QueryLog {
  readonly entries: QueryRecord[] = [];

  record(text: string): void {
    const verb = text.trim().split(/\s+/, 1)[0]!.toLowerCase();
    const kind = (['select', 'insert', 'update', 'delete'] as const).find((k) => k === verb) ?? 'other';
    const tables = [...text.matchAll(TABLE_REFERENCE)].map((match) => match[1]!.toLowerCase());
    this.entries.push({ text, kind, tables });
  }

  /** How many statements matched the filter, e.g. `count({ table: 'products', kind: 'select' })`. */
  count(filter: QueryFilter = {}): number {
    return this.entries.filter(
      (entry) =>
        (!filter.table || entry.tables.includes(filter.table)) && (!filter.kind || entry.kind === filter.kind),
    ).length;
  }

  reset(): void {
    this.entries.length = 0;
  }
}
