/**
 * The facts of a case event (CaseEvent.data) as a readable line for the audit CSV: labelled in the user's
 * language ("理由：…；答复期限：2026-04-01"), enum values translated (outcome, status, channel, kind …),
 * before/after shown as "old → new", internal ids and file hashes left out. Pure: the caller passes `t`.
 */
export type Translate = {
  (key: string, values?: Record<string, string | number>): string;
  has(key: string): boolean;
};

/** Technical keys that mean nothing to a reader of the register (ids, hashes, generated letter bodies). */
const SKIP = new Set(['body', 'sha256', 'files', 'attachments', 'bodyChanged']);

/** Keys whose values are enum codes, and the catalogue namespace that names them. */
const VALUE_NAMESPACES: Record<string, string[]> = {
  outcome: ['outcome'],
  status: ['status'],
  fromStatus: ['status'],
  toStatus: ['status'],
  channel: ['channel'],
  applicantType: ['applicantType'],
  kind: ['workflow.consultationKind', 'workflow.appealKind'],
  method: ['workflow.deliveryMethod', 'workflow.feeMethod'],
  topic: ['workflow.internalTopic'],
  result: ['workflow.appealResult'],
  purpose: ['workflow.attachmentPurpose'],
  requestedForm: ['workflow.requestedForm'],
  deliveryMethod: ['workflow.deliveryMethod'],
  idDocType: ['workflow.idDocType'],
  source: ['workflow.source'],
};

function fieldLabel(t: Translate, key: string): string {
  for (const k of [`staff.audit.field.${key}`, `staff.field.${key}`]) if (t.has(k)) return t(k);
  return key;
}

function valueText(t: Translate, key: string, value: unknown): string | null {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    if (key === 'flags' && t.has(`workflow.flag.${value}`)) return t(`workflow.flag.${value}`);
    for (const ns of VALUE_NAMESPACES[key] ?? []) if (t.has(`${ns}.${value}`)) return t(`${ns}.${value}`);
    return value;
  }
  if (Array.isArray(value)) {
    const parts = value.map((v) => valueText(t, key, v)).filter((v): v is string => v !== null && v !== '—');
    return parts.length ? parts.join('、') : null;
  }
  return null; // nested objects are handled by the caller
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function skipped(key: string): boolean {
  return SKIP.has(key) || /Id$/.test(key) || key === 'id';
}

/** "label：value" pairs of one event's data, joined with "；". */
export function eventDetailsText(t: Translate, data: unknown): string {
  if (!isRecord(data)) return '';
  const parts: string[] = [];
  const sep = t('staff.audit.csv.separator');
  const add = (key: string, text: string | null) => {
    if (text !== null) parts.push(t('staff.labelValue', { label: fieldLabel(t, key), value: text }));
  };
  const before = isRecord(data.before) ? data.before : {};
  const after = isRecord(data.after) ? data.after : {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (skipped(key) || isRecord(before[key]) || isRecord(after[key])) continue;
    add(key, t('staff.audit.csv.change', { from: valueText(t, key, before[key]) ?? '—', to: valueText(t, key, after[key]) ?? '—' }));
  }
  const flat = (obj: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(obj)) {
      if (key === 'before' || key === 'after' || skipped(key)) continue;
      if (isRecord(value)) flat(value); // e.g. `input`: the form's fields, labelled as the form labels them
      else add(key, valueText(t, key, value));
    }
  };
  flat(data);
  return parts.join(sep);
}
