/**
 * The bordered, horizontally scrollable table the admin lists share: a screen-reader caption, a sticky
 * header row of column headings (`scope="col"`), and the body rows given as children.
 */
export function DataTable({
  testId,
  caption,
  columns,
  children,
}: {
  testId: string;
  caption: string;
  columns: { label: string; className?: string }[];
  children: React.ReactNode;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full border-collapse text-sm" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className="sticky top-0 bg-slate-100 text-left">
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col" className={c.className ? `px-3 py-2 ${c.className}` : 'px-3 py-2'}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        {children}
      </table>
    </div>
  );
}
