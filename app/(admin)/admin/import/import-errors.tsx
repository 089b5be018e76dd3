'use client';

import { useTranslations } from 'next-intl';

/** One refused row of an import file (lib/import: the row number in the spreadsheet, 0 for the whole file). */
export interface ImportRowError {
  row: number;
  column: string | null;
  code: string;
  params: Record<string, string | number>;
}

/**
 * The row errors of a refused import file, each with its spreadsheet row, its column (labelled from
 * `columnsKey`, the catalogue of the file's columns) and the problem. Cases and section 四 appeals alike.
 */
export function ImportErrors({ errors, columnsKey, columnClassName }: { errors: readonly ImportRowError[]; columnsKey: string; columnClassName?: string }) {
  const t = useTranslations();
  const message = (key: string, params: Record<string, string | number>) => (t.has(key) ? t(key, params) : t('errors.generic'));
  const columnLabel = (c: string | null) => (c ? t(`${columnsKey}.${c}`) : t('admin.import.wholeRow'));
  return (
    <div className="max-h-[60vh] overflow-auto">
      <table className="w-full border-collapse text-sm">
        <thead className="sticky top-0 bg-slate-100 text-left">
          <tr>
            <th scope="col" className="px-2 py-1 text-right">{t('admin.import.row')}</th>
            <th scope="col" className="px-2 py-1">{t('admin.import.column')}</th>
            <th scope="col" className="px-2 py-1">{t('admin.import.problem')}</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((err, i) => (
            <tr key={i} className="border-t border-slate-200" data-row={err.row}>
              <th scope="row" className="px-2 py-1 text-right tabular-nums">
                {err.row > 0 ? t('admin.import.rowNumber', { row: err.row }) : t('admin.import.wholeFile')}
              </th>
              <td className={columnClassName ? `px-2 py-1 ${columnClassName}` : 'px-2 py-1'}>{columnLabel(err.column)}</td>
              <td className="px-2 py-1">{message(err.code, err.params)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
