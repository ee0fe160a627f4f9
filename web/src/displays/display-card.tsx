/**
 * One display in the operators' list: its name and room, what it shows now (camera, view or
 * replay, by whom, at what time in the site's zone), "Invia qui" (push what the form holds) and
 * "Riprendi" (take back); "Elimina" for managers.
 */
import { useI18n } from '../i18n/index.ts';
import { useSiteTime } from '../time/index.ts';
import type { Display } from './displays-api.ts';

/** Props of a display card. */
export interface DisplayCardProps {
  display: Display;
  /** Push what the form holds; absent while the form is incomplete. */
  onPush?: () => void;
  onClear: () => void;
  /** Delete (managers only). */
  onDelete?: () => void;
  busy: boolean;
  mayPush: boolean;
}

/** A display card. */
export function DisplayCard({
  display,
  onPush,
  onClear,
  onDelete,
  busy,
  mayPush,
}: DisplayCardProps) {
  const { t } = useI18n();
  const siteTime = useSiteTime();
  const c = display.content;
  const what =
    c.kind === 'none'
      ? t('display.showing.none')
      : c.kind === 'view'
        ? t('display.showing.view', { name: c.name })
        : t(c.kind === 'camera' ? 'display.showing.camera' : 'display.showing.replay', {
            name: c.names[c.cameraId] ?? c.cameraId,
          });
  return (
    <li
      className="display-card"
      data-display={display.name}
      data-content={c.kind}
      data-online={display.online}
    >
      <div className="display-card-head">
        <strong>{display.name}</strong>
        {display.room !== '' && <span className="display-card-room">{display.room}</span>}
        <span className={`display-card-online display-online-${String(display.online)}`}>
          {t(display.online ? 'displays.online' : 'displays.offline')}
        </span>
      </div>
      <p className="display-card-showing" data-testid="display-card-showing">
        {what}
      </p>
      <p className="display-card-meta">
        {display.pushedBy !== null && display.pushedMs !== null
          ? t('display.pushedBy', {
              user: display.pushedBy,
              time: siteTime.dateTime(display.pushedMs),
            })
          : '\u00a0'}
      </p>
      <p className="display-card-account">
        {display.accountUsername !== null
          ? t('displays.account', { user: display.accountUsername })
          : t('displays.noAccount')}
      </p>
      <div className="display-card-actions">
        {mayPush && (
          <>
            <button type="button" disabled={busy || onPush === undefined} onClick={onPush}>
              {t('displays.pushHere')}
            </button>
            <button type="button" disabled={busy || c.kind === 'none'} onClick={onClear}>
              {t('displays.clear')}
            </button>
          </>
        )}
        {onDelete !== undefined && (
          <button type="button" className="danger" disabled={busy} onClick={onDelete}>
            {t('displays.delete')}
          </button>
        )}
      </div>
    </li>
  );
}
