/**
 * The pure model behind the camera list: search (by name, address, district or id; case- and
 * accent-insensitive, every word must match) and grouping by district or camera group.
 */
import type { Camera, CameraGroup } from '../api/index.ts';

/** How the list is grouped. */
export type GroupMode = 'district' | 'group' | 'none';

/** One branch of the tree: a label and its cameras, sorted by name. */
export interface TreeBranch {
  /** Stable key (district name, group id, or a reserved `~` key for the catch-all branch). */
  key: string;
  /** What the branch header shows. */
  label: string;
  cameras: Camera[];
}

/** Labels for branches that have no name of their own. */
export interface BranchLabels {
  noDistrict: string;
  noGroup: string;
  all: string;
}

/** Lower case without accents, so that `liberta` finds `Libertà`. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/** The cameras that match every word of the query (an empty query matches all). */
export function filterCameras(cameras: readonly Camera[], query: string): Camera[] {
  const words = normalizeText(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...cameras];
  return cameras.filter((camera) => {
    const haystack = normalizeText(
      [camera.id, camera.name, camera.location.address, camera.location.district].join(' '),
    );
    return words.every((word) => haystack.includes(word));
  });
}

const collator = new Intl.Collator('it', { numeric: true, sensitivity: 'base' });

function byName(a: Camera, b: Camera): number {
  return collator.compare(a.name, b.name) || collator.compare(a.id, b.id);
}

function sortBranches(branches: TreeBranch[], catchAllKey: string): TreeBranch[] {
  return branches.sort((a, b) => {
    if (a.key === catchAllKey) return 1;
    if (b.key === catchAllKey) return -1;
    return collator.compare(a.label, b.label);
  });
}

/**
 * Groups cameras into branches. By group, a camera belongs to every group that lists it or that
 * it lists; when `groups` is null (the server offers no groups yet) the group ids are the labels.
 * Empty branches are left out; the catch-all branch ("no district" / "no group") comes last.
 */
export function groupCameras(
  cameras: readonly Camera[],
  mode: GroupMode,
  groups: readonly CameraGroup[] | null,
  labels: BranchLabels,
): TreeBranch[] {
  if (mode === 'none') {
    return cameras.length === 0
      ? []
      : [{ key: '~all', label: labels.all, cameras: [...cameras].sort(byName) }];
  }
  const catchAllKey = mode === 'district' ? '~no-district' : '~no-group';
  const branches = new Map<string, TreeBranch>();
  const add = (key: string, label: string, camera: Camera) => {
    let branch = branches.get(key);
    if (branch === undefined) {
      branch = { key, label, cameras: [] };
      branches.set(key, branch);
    }
    if (!branch.cameras.includes(camera)) branch.cameras.push(camera);
  };

  const groupById = new Map((groups ?? []).map((g) => [g.id, g]));
  for (const camera of cameras) {
    if (mode === 'district') {
      const district = camera.location.district.trim();
      if (district === '') add(catchAllKey, labels.noDistrict, camera);
      else add(district, district, camera);
      continue;
    }
    const ids = new Set(camera.groupIds);
    for (const group of groups ?? []) if (group.cameraIds.includes(camera.id)) ids.add(group.id);
    if (ids.size === 0) add(catchAllKey, labels.noGroup, camera);
    for (const id of ids) add(id, groupById.get(id)?.name ?? id, camera);
  }
  for (const branch of branches.values()) branch.cameras.sort(byName);
  return sortBranches([...branches.values()], catchAllKey);
}
