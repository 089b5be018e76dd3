/**
 * JSON export: the table object itself, in the shape documented in annual-table.ts (the API and the CLI
 * return exactly this). Keys come out in layout order because every builder fills them from layouts.ts.
 */
import type { ImportedAnnualTable } from '@/lib/statistics/annual-table';

export function toJson(table: ImportedAnnualTable, indent = 2): string {
  return `${JSON.stringify(table, null, indent)}\n`;
}
