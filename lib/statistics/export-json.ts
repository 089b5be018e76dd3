/**
 * JSON export: the table object itself, in the shape documented in annual-table.ts (the API and the CLI
 * return exactly this). Keys come out in layout order because every builder fills them from layouts.ts.
 */
import type { ImportedAnnualTable } from '@/lib/statistics/annual-table';
import { provenanceJson, type ExportProvenance } from '@/lib/statistics/export-provenance';

/**
 * With `provenance`, the table gains an `export` key stating what it is (export-provenance.ts); readers of the
 * table shape (check-table, the published-table upload) ignore it.
 */
export function toJson(table: ImportedAnnualTable, indent = 2, provenance?: ExportProvenance): string {
  const value = provenance ? { ...table, export: provenanceJson(provenance) } : table;
  return `${JSON.stringify(value, null, indent)}\n`;
}
