/** A small label naming a camera's purpose (urban security, traffic, waste). */
import type { CameraPurpose } from '../api/index.ts';
import { hasMessage, useI18n } from '../i18n/index.ts';

/** The translated purpose of a camera; a purpose this UI does not know is shown as sent. */
export function purposeLabel(t: ReturnType<typeof useI18n>['t'], purpose: CameraPurpose): string {
  const key = `purpose.${purpose}`;
  return hasMessage(key) ? t(key) : purpose;
}

/** The purpose of a camera as a chip. */
export function PurposeChip({ purpose }: { purpose: CameraPurpose }) {
  const { t } = useI18n();
  return <span className={`chip chip-purpose chip-${purpose}`}>{purposeLabel(t, purpose)}</span>;
}
