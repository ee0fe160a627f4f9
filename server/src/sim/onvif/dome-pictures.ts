/**
 * Keeps each PTZ dome's RTSP picture on its position: when the quantised view of the position
 * changes (after a command, or while a continuous move runs), the simulator switches the dome's
 * streams to that view's clip (encoded on first use) at the next key frame. Only the latest
 * wanted view is applied; views asked for meanwhile are skipped. A dome never moved plays its
 * plain clip.
 */
import type { Clock, Logger } from '../../app/index.ts';
import type { PtzView } from '../ptz-view.ts';
import { quantiseView, sameView } from '../ptz-view.ts';
import type { Simulator } from '../simulator.ts';
import type { OnvifCamera } from './onvif-camera.ts';

/** How often moving domes are looked at. */
const TICK_MS = 200;

/** The picture follower of a set of domes. */
export class DomePictures {
  private readonly wanted = new Map<string, PtzView>();
  private readonly shown = new Map<string, PtzView>();
  private readonly busy = new Set<string>();
  private readonly timer: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly sim: Pick<Simulator, 'setView'>,
    private readonly domes: readonly OnvifCamera[],
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    this.timer = setInterval(() => {
      for (const d of this.domes) this.update(d);
    }, TICK_MS);
    this.timer.unref();
    // Until its first move a dome plays its plain clip: nothing is encoded for domes never moved.
    for (const d of domes) {
      const view = this.viewOf(d);
      if (view !== undefined) this.wanted.set(d.id, view);
    }
  }

  /** The view of a dome's position now. */
  viewOf(dome: OnvifCamera): PtzView | undefined {
    return dome.ptz === undefined
      ? undefined
      : quantiseView(dome.ptz.position(this.clock.monotonicMs()));
  }

  /** The view the dome's streams play now (undefined until the first clip is ready). */
  shownView(cameraId: string): PtzView | undefined {
    return this.shown.get(cameraId);
  }

  /** Looks at a dome's position and switches its picture if the view changed. */
  update(dome: OnvifCamera): void {
    const view = this.viewOf(dome);
    if (view === undefined || this.closed || sameView(view, this.wanted.get(dome.id))) return;
    this.wanted.set(dome.id, view);
    if (!this.busy.has(dome.id)) void this.apply(dome.id);
  }

  private async apply(id: string): Promise<void> {
    this.busy.add(id);
    try {
      for (;;) {
        const view = this.wanted.get(id);
        if (view === undefined || this.closed || sameView(view, this.shown.get(id))) return;
        await this.sim.setView(id, view);
        this.shown.set(id, view);
      }
    } catch (err) {
      this.logger.warn({ err, camera: id }, 'cannot switch a simulated dome to its view');
    } finally {
      this.busy.delete(id);
    }
  }

  /** Stops following. */
  close(): void {
    this.closed = true;
    clearInterval(this.timer);
  }
}
