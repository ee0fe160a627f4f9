/**
 * The register form's field of view for the map: direction (degrees clockwise from north), angle
 * (degrees) and range (metres), all three or none. `fieldOfViewFromText` turns the three inputs
 * into the API's value: null for none, undefined when incomplete or out of range.
 */
import { useI18n } from '../i18n/index.ts';
import type { FieldOfView } from './privacy-api.ts';

/** The three inputs' text. */
export interface FieldOfViewText {
  direction: string;
  angle: string;
  range: string;
}

/** The text of a stated field of view (empty for none). */
export function fieldOfViewText(v: FieldOfView | null | undefined): FieldOfViewText {
  if (v === null || v === undefined) return { direction: '', angle: '', range: '' };
  return { direction: String(v.directionDeg), angle: String(v.angleDeg), range: String(v.rangeM) };
}

/** The value to send: null for three empty inputs, undefined when incomplete or out of range. */
export function fieldOfViewFromText(t: FieldOfViewText): FieldOfView | null | undefined {
  const parts = [t.direction, t.angle, t.range].map((s) => s.trim().replace(',', '.'));
  if (parts.every((p) => p === '')) return null;
  const [d, a, r] = parts.map(Number);
  if (d === undefined || a === undefined || r === undefined) return undefined;
  if (!(d >= 0 && d < 360 && a > 0 && a <= 360 && r > 0 && r <= 5000)) return undefined;
  return { directionDeg: d, angleDeg: a, rangeM: r };
}

/** Props of the inputs. */
export interface FieldOfViewInputsProps {
  value: FieldOfViewText;
  disabled: boolean;
  onChange: (value: FieldOfViewText) => void;
}

/** The three inputs, in a fieldset. */
export function FieldOfViewInputs({ value, disabled, onChange }: FieldOfViewInputsProps) {
  const { t } = useI18n();
  const input = (key: keyof FieldOfViewText, label: string, max: number) => (
    <label>
      {label}
      <input
        type="number"
        min={0}
        max={max}
        step="any"
        inputMode="decimal"
        value={value[key]}
        disabled={disabled}
        data-field-of-view={key}
        onChange={(e) => onChange({ ...value, [key]: e.target.value })}
      />
    </label>
  );
  return (
    <fieldset className="register-fov">
      <legend>{t('map.fov.legend')}</legend>
      {input('direction', t('map.fov.direction'), 359.9)}
      {input('angle', t('map.fov.angle'), 360)}
      {input('range', t('map.fov.range'), 5000)}
    </fieldset>
  );
}
