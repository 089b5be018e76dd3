/**
 * Tables as published beside tables as derived (issue 12 item 1): which table is last year's base for the
 * year-on-year figures, and where a published table differs from the one the cases give. Pure.
 *
 * The base rule (docs/decisions.md "Annual report"): last year's table as the organisation published it
 * when one is entered; otherwise last year's table derived from the cases, but only when the cases cover
 * that whole year — some case of the scope was received by 31 January of it (`coversYear`, computed by the
 * caller) and the year had new applications. A year the system knows only from cases carried into the next
 * one, or from a mid-year start, is no comparable base, and no growth figure is written against it
 * ("同比增长52800.0%" against one carried-over case).
 */
import { section3Cell, zeroIfMissing, type Cell, type ImportedAnnualTable } from '@/lib/statistics/annual-table';
import {
  SECTION3_COLUMN_IDS,
  SECTION4_BLOCK_IDS,
  SECTION4_COLUMN_IDS,
  section3Rows,
  type Section3ColumnId,
  type Section3RowId,
} from '@/lib/statistics/layouts';

export type BaseSource = 'published' | 'derived';

export interface YearOnYearBase {
  readonly table: ImportedAnnualTable;
  readonly source: BaseSource;
}

export function yearOnYearBase(
  published: ImportedAnnualTable | null,
  derived: ImportedAnnualTable | null,
  derivedCoversYear: boolean,
): YearOnYearBase | null {
  if (published) return { table: published, source: 'published' };
  if (derived && derivedCoversYear && zeroIfMissing(section3Cell(derived, 'new_received', 'total')) > 0) {
    return { table: derived, source: 'derived' };
  }
  return null;
}

export interface CellDifference {
  readonly section: 'section3' | 'section4';
  readonly row: string;
  readonly column: string;
  readonly derived: Cell;
  readonly published: Cell;
}

/**
 * Every section 三 and 四 cell where the published table says something else than the derived one (a blank
 * published cell counts as 0, as the formats read blanks). Rows of the derived table's format only.
 */
export function tableDifferences(derived: ImportedAnnualTable, published: ImportedAnnualTable): CellDifference[] {
  const out: CellDifference[] = [];
  for (const layout of section3Rows(derived.format)) {
    for (const column of SECTION3_COLUMN_IDS) {
      const d = section3Cell(derived, layout.id as Section3RowId, column as Section3ColumnId);
      const p = section3Cell(published, layout.id as Section3RowId, column as Section3ColumnId);
      if (zeroIfMissing(d) !== zeroIfMissing(p)) out.push({ section: 'section3', row: layout.id, column, derived: d, published: p });
    }
  }
  for (const block of SECTION4_BLOCK_IDS) {
    for (const column of SECTION4_COLUMN_IDS) {
      const d = derived.section4[block]?.[column] ?? null;
      const p = published.section4[block]?.[column] ?? null;
      if (zeroIfMissing(d) !== zeroIfMissing(p)) out.push({ section: 'section4', row: block, column, derived: d, published: p });
    }
  }
  return out;
}
