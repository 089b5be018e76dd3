'use client';

import { useId, useRef, useState } from 'react';
import { useRemoteSearch } from './use-remote-search';

export interface PickerOption {
  value: string;
  label: string;
  /** Secondary text (an organisation's ancestors, a clerk's organisation). */
  hint?: string;
}

export interface PickerLabels {
  any: string;
  search: string;
  clear: string;
  noMatch: string;
  more: string;
  loading: string;
  failed: string;
}

/**
 * A searchable single-choice filter for a GET form (issue 13: no 500-option selects): a combobox whose
 * matches load on demand from `endpoint` (`?q=` → `{ items: PickerOption[], more }`), and a hidden input
 * `name` carrying the chosen value. `fixed` options (e.g. "unassigned") are always offered first. Labels
 * arrive translated from the server component, so the picker needs no message catalogue in the browser.
 * Keyboard: ↓/↑ move through the matches, Enter chooses, Escape closes the list.
 */
export function SearchPicker({
  id,
  name,
  label,
  endpoint,
  initial,
  fixed = [],
  labels,
  labelClassName = 'field-label',
  inputClassName = 'field-input',
  describedBy,
  required,
}: {
  id: string;
  name: string;
  label: string;
  endpoint: string;
  initial: PickerOption | null;
  fixed?: PickerOption[];
  labels: PickerLabels;
  /** `sr-only` where a table row names the field for screen readers only. */
  labelClassName?: string;
  inputClassName?: string;
  /** Ids of the field's error or hint texts, announced with the box. */
  describedBy?: string;
  /** Marks the box as required for assistive technology (the server checks the value). */
  required?: boolean;
}) {
  const [chosen, setChosen] = useState<PickerOption | null>(initial);
  const [text, setText] = useState(initial?.label ?? '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const query = open && text !== (chosen?.label ?? '') ? text.trim() : '';
  const search = useRemoteSearch<PickerOption>(open ? endpoint : '', query);
  const q = query.toLowerCase();
  const options = [...fixed.filter((f) => !q || f.label.toLowerCase().includes(q)), ...(open && search.answered !== null ? search.items : [])];
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);

  const choose = (option: PickerOption | null) => {
    setChosen(option);
    setText(option?.label ?? '');
    setOpen(false);
    setActive(-1);
  };

  let status = '';
  if (open) {
    if (search.failed) status = labels.failed;
    else if (search.answered !== query) status = labels.loading;
    else if (options.length === 0) status = labels.noMatch;
    else if (search.more) status = labels.more;
  }

  return (
    <div className="relative">
      <label className={labelClassName} htmlFor={id}>
        {label}
      </label>
      <input type="hidden" name={name} value={chosen?.value ?? ''} />
      <div className="flex gap-1">
        <input
          ref={inputRef}
          id={id}
          type="text"
          role="combobox"
          autoComplete="off"
          maxLength={50}
          className={inputClassName}
          placeholder={labels.any}
          aria-required={required || undefined}
          value={text}
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
          aria-describedby={describedBy ? `${id}-status ${describedBy}` : `${id}-status`}
          title={labels.search}
          onFocus={() => setOpen(true)}
          onBlur={() => {
            // Leaving the box without choosing restores the chosen value's label.
            setTimeout(() => {
              setOpen(false);
              setText((t) => (chosen && t !== chosen.label ? chosen.label : t));
            }, 150);
          }}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
            setActive(-1);
            if (e.target.value === '') setChosen(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setOpen(true);
              setActive((a) => Math.min(a + 1, options.length - 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((a) => Math.max(a - 1, 0));
            } else if (e.key === 'Enter' && open && active >= 0 && options[active]) {
              e.preventDefault(); // choose, don't submit the filter form yet
              choose(options[active]);
            } else if (e.key === 'Escape') {
              setOpen(false);
            }
          }}
        />
        {chosen && (
          <button
            type="button"
            className="btn-secondary px-2"
            onClick={() => {
              choose(null);
              inputRef.current?.focus();
            }}
          >
            {labels.clear}
          </button>
        )}
      </div>
      <p id={`${id}-status`} role="status" aria-live="polite" className="sr-only">
        {status}
      </p>
      {open && (
        <ul id={listId} role="listbox" aria-label={label} className="absolute z-20 mt-1 max-h-72 w-full overflow-y-auto rounded-md border border-slate-300 bg-white shadow-lg">
          {options.map((o, i) => (
            <li
              key={o.value}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={chosen?.value === o.value}
              className={`cursor-pointer px-3 py-2 text-sm ${i === active ? 'bg-brand-50' : ''} hover:bg-brand-50`}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(o)}
            >
              <span className="text-slate-900">{o.label}</span>
              {o.hint && <span className="block text-xs text-slate-600">{o.hint}</span>}
            </li>
          ))}
          {status && <li className="px-3 py-2 text-sm text-slate-600">{status}</li>}
        </ul>
      )}
    </div>
  );
}
