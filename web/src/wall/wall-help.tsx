/** The wall's keyboard help: a button that opens a popover listing every shortcut. */
import { useI18n, type MessageKey } from '../i18n/index.ts';

/** Props of the help. */
export interface WallHelpProps {
  open: boolean;
  onToggle: () => void;
}

const KEYS: [string, MessageKey][] = [
  ['1 · 4 · 9 · 6', 'wall.help.grids'],
  ['5 · 7 · 2', 'wall.help.asymmetric'],
  ['Alt+1…9', 'wall.help.views'],
  ['← ↑ → ↓', 'wall.help.arrows'],
  ['Invio', 'wall.help.enter'],
  ['Esc', 'wall.help.escape'],
  ['?', 'wall.help.help'],
];

/** The help button and popover. */
export function WallHelp({ open, onToggle }: WallHelpProps) {
  const { t } = useI18n();
  return (
    <span className="wall-help">
      <button
        type="button"
        aria-expanded={open}
        aria-controls="wall-help-popover"
        onClick={onToggle}
      >
        {t('wall.help.button')}
      </button>
      {open && (
        <div
          id="wall-help-popover"
          className="wall-help-popover"
          role="dialog"
          aria-label={t('wall.help.title')}
        >
          <h2>{t('wall.help.title')}</h2>
          <dl>
            {KEYS.map(([keys, label]) => (
              <div key={label}>
                <dt>
                  <kbd>{label === 'wall.help.enter' ? t('wall.help.enterKey') : keys}</kbd>
                </dt>
                <dd>{t(label)}</dd>
              </div>
            ))}
          </dl>
          <p>{t('wall.help.dragDrop')}</p>
          <button type="button" onClick={onToggle}>
            {t('wall.help.close')}
          </button>
        </div>
      )}
    </span>
  );
}
