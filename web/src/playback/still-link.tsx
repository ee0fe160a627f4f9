/**
 * "Fermo immagine": the still of one played camera at the playhead, as a download link. With one
 * or two cameras each gets its own link; with more, one link and a camera choice (the enlarged
 * tile's camera first), so sixteen cameras do not push the timeline off the screen.
 */
import { useState } from 'react';
import { useI18n } from '../i18n/index.ts';

/** What the still link needs. */
export interface StillLinkProps {
  cameras: readonly string[];
  names: ReadonlyMap<string, string>;
  /** The camera to offer first (the enlarged tile's), if any. */
  preferred: string | null;
  /** The still's address for a camera at the playhead. */
  href: (cameraId: string) => string;
  /** The downloaded file's name for a camera. */
  fileName: (cameraId: string) => string;
}

/** Most cameras that get a link each. */
const LINK_EACH_UP_TO = 2;

/** The still link(s) of the recordings page. */
export function StillLink({ cameras, names, preferred, href, fileName }: StillLinkProps) {
  const { t } = useI18n();
  const [chosen, setChosen] = useState<string | null>(null);
  const link = (id: string, short = false) => (
    <a
      key={id}
      className="pb-still"
      href={href(id)}
      target="_blank"
      rel="noreferrer"
      download={fileName(id)}
    >
      {short ? t('playback.stillShort') : t('playback.still', { camera: names.get(id) ?? id })}
    </a>
  );
  if (cameras.length <= LINK_EACH_UP_TO) return <>{cameras.map((id) => link(id))}</>;
  const current =
    (chosen !== null && cameras.includes(chosen) ? chosen : null) ??
    (preferred !== null && cameras.includes(preferred) ? preferred : null) ??
    cameras[0];
  if (current === undefined) return null;
  return (
    <span className="pb-still-choice">
      <select
        value={current}
        onChange={(e) => setChosen(e.target.value)}
        aria-label={t('playback.stillCamera')}
      >
        {cameras.map((id) => (
          <option key={id} value={id}>
            {names.get(id) ?? id}
          </option>
        ))}
      </select>
      {link(current, true)}
    </span>
  );
}
