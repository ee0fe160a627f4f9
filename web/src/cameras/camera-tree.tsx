/**
 * The camera tree: branches (district or group) that open and close, each listing its cameras
 * with status, purpose and enabled state. Arrow keys move between items, Home/End jump.
 */
import { useId, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { Camera } from '../api/index.ts';
import { useI18n } from '../i18n/index.ts';
import type { TreeBranch } from './camera-tree-model.ts';
import { PurposeChip } from './purpose-chip.tsx';
import { StatusBadge } from './status-badge.tsx';
import type { CameraStatuses } from './use-camera-statuses.ts';

/** Props of the tree. */
export interface CameraTreeProps {
  branches: readonly TreeBranch[];
  /** Show branch headers (false for a flat list). */
  showBranches: boolean;
  /** Open every branch regardless of what the user closed (e.g. while searching). */
  forceOpen: boolean;
  selectedId: string | null;
  statuses: CameraStatuses;
  onSelect: (camera: Camera) => void;
}

/** Moves focus among the tree's focusable items with the arrow keys. */
function onTreeKeyDown(event: KeyboardEvent<HTMLElement>) {
  const keys = ['ArrowDown', 'ArrowUp', 'Home', 'End'];
  if (!keys.includes(event.key)) return;
  const items = [...event.currentTarget.querySelectorAll<HTMLElement>('[data-tree-item]')];
  if (items.length === 0) return;
  const current = items.indexOf(document.activeElement as HTMLElement);
  const last = items.length - 1;
  const target =
    event.key === 'Home'
      ? 0
      : event.key === 'End'
        ? last
        : event.key === 'ArrowDown'
          ? Math.min(last, current + 1)
          : Math.max(0, current - 1);
  event.preventDefault();
  items[target]?.focus();
}

/** The tree of cameras. */
export function CameraTree(props: CameraTreeProps) {
  const { t, tn } = useI18n();
  const [closed, setClosed] = useState<ReadonlySet<string>>(new Set());
  const idPrefix = useId();

  const toggle = (key: string) =>
    setClosed((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  return (
    <div
      className="camera-tree"
      aria-label={t('cameras.tree')}
      role="region"
      onKeyDown={onTreeKeyDown}
    >
      {props.branches.map((branch, index) => {
        const open = props.forceOpen || !props.showBranches || !closed.has(branch.key);
        const listId = `${idPrefix}-branch-${index}`;
        return (
          <div className="branch" key={branch.key}>
            {props.showBranches && (
              <button
                type="button"
                className="branch-header"
                data-tree-item
                aria-expanded={open}
                aria-controls={listId}
                onClick={() => toggle(branch.key)}
              >
                <span className="branch-caret" aria-hidden="true">
                  {open ? '▾' : '▸'}
                </span>
                <span className="branch-label">{branch.label}</span>
                <span className="branch-count">{tn('cameras.count', branch.cameras.length)}</span>
              </button>
            )}
            {open && (
              <ul id={listId} className="camera-items">
                {branch.cameras.map((camera) => (
                  <li key={camera.id}>
                    <CameraItem
                      camera={camera}
                      selected={camera.id === props.selectedId}
                      statuses={props.statuses}
                      onSelect={props.onSelect}
                    />
                  </li>
                ))}
              </ul>
            )}
          </div>
        );
      })}
    </div>
  );
}

function CameraItem(props: {
  camera: Camera;
  selected: boolean;
  statuses: CameraStatuses;
  onSelect: (camera: Camera) => void;
}) {
  const { t } = useI18n();
  const { camera } = props;
  return (
    <button
      type="button"
      className={`camera-item${camera.enabled ? '' : ' is-disabled'}`}
      data-tree-item
      data-camera-id={camera.id}
      aria-current={props.selected ? 'true' : undefined}
      onClick={() => props.onSelect(camera)}
    >
      <span className="camera-item-main">
        <span className="camera-name">{camera.name}</span>
        <span className="camera-sub">
          <span className="camera-id">{camera.id}</span> · {camera.location.address}
        </span>
      </span>
      <span className="camera-item-tags">
        <StatusBadge status={props.statuses.byId.get(camera.id)} />
        <PurposeChip purpose={camera.purpose} />
        {!camera.enabled && <span className="chip chip-disabled">{t('cameras.disabled')}</span>}
      </span>
    </button>
  );
}
