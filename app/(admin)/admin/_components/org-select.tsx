/** An organisation picker in tree order (indented by depth); works in server and client components. */
export interface OrgOption {
  id: number;
  code: string;
  name: string;
  depth: number;
}

export function OrgSelect({
  id,
  name,
  options,
  defaultValue,
  valueKind = 'id',
  emptyLabel,
  required,
  describedBy,
  className = 'field-input',
}: {
  id: string;
  name: string;
  options: readonly OrgOption[];
  defaultValue?: string | number | null;
  /** Submit the organisation id (forms) or its code (report pickers). */
  valueKind?: 'id' | 'code';
  /** Label of an empty first option; omitted = no empty option. */
  emptyLabel?: string;
  required?: boolean;
  describedBy?: string;
  className?: string;
}) {
  return (
    <select
      id={id}
      name={name}
      defaultValue={defaultValue === null || defaultValue === undefined ? '' : String(defaultValue)}
      required={required}
      aria-describedby={describedBy}
      className={className}
    >
      {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
      {options.map((o) => (
        <option key={o.id} value={valueKind === 'id' ? String(o.id) : o.code}>
          {`${'\u3000'.repeat(o.depth)}${o.name}（${o.code}）`}
        </option>
      ))}
    </select>
  );
}
