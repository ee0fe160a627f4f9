/**
 * A view pushed to a display: its layout (the wall's geometry), a live tile per place, and its
 * tours running as on the wall (each tile's own, or the whole view's page by page), counted from
 * when it was pushed.
 */
import { camerasAt, geometryOf, isLayout, stepsAfter, useTourClock } from '../wall/index.ts';
import { DisplayTile } from './display-tile.tsx';
import type { DisplayContent } from './displays-api.ts';

/** Props of the view. */
export interface DisplayViewProps {
  content: Extract<DisplayContent, { kind: 'view' }>;
  /** When it was pushed: its tours start again then. */
  pushedMs: number | null;
}

/** The pushed view. */
export function DisplayView({ content, pushedMs }: DisplayViewProps) {
  const layout = isLayout(content.layout) ? content.layout : '1';
  const g = geometryOf(layout);
  const view = { layout, places: content.tiles, tour: content.tour };
  const touring = content.tour !== null || content.tiles.some((t) => t.tour !== null);
  const elapsed = useTourClock(touring, `${content.viewId}|${pushedMs ?? ''}`);
  const cameras = camerasAt(view, stepsAfter(elapsed));
  return (
    <div
      className="display-grid"
      style={{
        gridTemplateColumns: `repeat(${g.columns}, 1fr)`,
        gridTemplateRows: `repeat(${g.rows}, 1fr)`,
      }}
    >
      {g.tiles.map((r, i) => {
        const cameraId = cameras[i] ?? null;
        return (
          <DisplayTile
            key={i}
            cameraId={cameraId}
            stream={content.tiles[i]?.stream ?? 'sub'}
            name={cameraId === null ? null : (content.names[cameraId] ?? cameraId)}
            gridArea={{
              gridColumn: `${r.col} / span ${r.colSpan}`,
              gridRow: `${r.row} / span ${r.rowSpan}`,
            }}
          />
        );
      })}
    </div>
  );
}
