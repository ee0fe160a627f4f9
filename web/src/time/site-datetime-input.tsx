/**
 * A date-and-time field in the site's time zone with Italian formats whatever the browser's
 * locale (a native `datetime-local` shows the browser's own, "12/7/2026, 3:27 PM" on an English
 * one). It holds the same value as the native field did (`YYYY-MM-DDTHH:MM[:SS]`, or
 * `YYYY-MM-DD` for a date), so a form keeps its state and what it sends. What cannot be read is
 * marked invalid (`aria-invalid`) and gives the form an empty value.
 */
import { useEffect, useRef, useState } from 'react';
import type { InputHTMLAttributes } from 'react';
import { fieldText, fieldValue, type FieldPrecision } from './site-field-text.ts';
import { useSiteTime } from './site-time-context.tsx';

/** Props: the value and its change, plus any attribute of a text input. */
export interface SiteDateTimeInputProps extends Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'value' | 'onChange' | 'type'
> {
  /** `YYYY-MM-DDTHH:MM[:SS]` (or `YYYY-MM-DD`) in the site's zone; '' when empty. */
  value: string;
  onChange: (value: string) => void;
  /** Date only, minutes (default) or seconds. */
  precision?: FieldPrecision;
}

/** The field. */
export function SiteDateTimeInput({
  value,
  onChange,
  precision = 'minutes',
  ...rest
}: SiteDateTimeInputProps) {
  const { timeZone } = useSiteTime();
  const [text, setText] = useState(() => fieldText(value, precision));
  const [invalid, setInvalid] = useState(false);
  // The value this field last gave the form: another value comes from outside and is shown.
  const emitted = useRef(value);
  useEffect(() => {
    if (value === emitted.current) return;
    emitted.current = value;
    setText(fieldText(value, precision));
    setInvalid(false);
  }, [value, precision]);
  return (
    <input
      {...rest}
      type="text"
      autoComplete="off"
      spellCheck={false}
      value={text}
      aria-invalid={invalid || undefined}
      onChange={(e) => {
        const typed = e.target.value;
        setText(typed);
        const next = fieldValue(typed, precision, timeZone);
        setInvalid(next === undefined);
        emitted.current = next ?? '';
        onChange(next ?? '');
      }}
      onBlur={(e) => {
        // A readable time is rewritten in the field's own form (`7/12/2026 15:27`).
        if (!invalid && emitted.current !== '') setText(fieldText(emitted.current, precision));
        rest.onBlur?.(e);
      }}
    />
  );
}
