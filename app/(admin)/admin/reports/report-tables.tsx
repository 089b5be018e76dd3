import type { AnnualTable, CheckFinding } from '@/lib/statistics/annual-table';
import { ReportGrid } from './report-grid';
import { englishLabels, type DrillTarget } from './report-table-html';

export type { DrillTarget } from './report-table-html';

/** Translates a `report.labels.*` key; null in the Chinese UI (the official label is the Chinese one). */
export type Translate = (key: string) => string | null;

/** Cells named by failing checks of this year's table: `section|row|column` → severity. */
export function flaggedCells(checks: readonly CheckFinding[]): Map<string, 'error' | 'warning'> {
  const map = new Map<string, 'error' | 'warning'>();
  for (const finding of checks) {
    for (const cell of finding.cells) {
      if (cell.year !== undefined) continue;
      const key = `${cell.section}|${cell.row}|${cell.column}`;
      if (map.get(key) !== 'error') map.set(key, finding.severity);
    }
  }
  return map;
}

/** Section 三 in the official layout; each number links to the cases behind it when `drill` is given. */
export function Section3Table({
  table,
  caption,
  translate,
  drill,
  drillLabel,
  flags,
}: {
  table: AnnualTable;
  caption: string;
  translate: Translate;
  drill: DrillTarget | null;
  /** The drill-down links' accessible name: an ICU message with {row}, {column}, {value}, and its locale. */
  drillLabel: { message: string; locale: string } | null;
  flags: Map<string, 'error' | 'warning'>;
}) {
  return (
    <ReportGrid
      section="section3"
      table={{ format: table.format, section3: table.section3 }}
      caption={caption}
      english={englishLabels('section3', table.format, translate)}
      flags={sectionFlags(flags, 'section3')}
      drill={drill}
      drillLabel={drillLabel}
    />
  );
}

/** Section 四 in the official layout; each number links to the appeals behind it when `drill` is given. */
export function Section4Table({
  table,
  caption,
  translate,
  flags,
  drill = null,
  drillLabel = null,
}: {
  table: AnnualTable;
  caption: string;
  translate: Translate;
  flags: Map<string, 'error' | 'warning'>;
  drill?: DrillTarget | null;
  /** The drill-down links' accessible name: an ICU message with {row} (block), {column}, {value}, and its locale. */
  drillLabel?: { message: string; locale: string } | null;
}) {
  return (
    <ReportGrid
      section="section4"
      table={{ format: table.format, section4: table.section4 }}
      caption={caption}
      english={englishLabels('section4', table.format, translate)}
      flags={sectionFlags(flags, 'section4')}
      drill={drill}
      drillLabel={drillLabel}
    />
  );
}

export function Section2Table({ table, caption, translate }: { table: AnnualTable; caption: string; translate: Translate }) {
  return (
    <ReportGrid
      section="section2"
      table={{ format: table.format, section2: table.section2 }}
      caption={caption}
      english={englishLabels('section2', table.format, translate)}
      flags={[]}
    />
  );
}

function sectionFlags(flags: Map<string, 'error' | 'warning'>, section: string): [string, 'error' | 'warning'][] {
  return [...flags].filter(([key]) => key.startsWith(`${section}|`));
}
