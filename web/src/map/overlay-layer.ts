/**
 * An image overlay (a plan of a square or a building) placed by its corners with a CSS affine
 * transform, so a rotated or sheared plan sits where the two or three configured points say
 * (the server computes the corners). Redrawn after each zoom; hidden while a zoom animates.
 */
import L from 'leaflet';
import type { MapOverlay } from './map-settings.ts';

/** The affine-placed image layer. */
export class AffineImageLayer extends L.Layer {
  private img: HTMLImageElement | null = null;

  constructor(private readonly overlay: MapOverlay) {
    super();
  }

  /** Adds the image to the overlay pane. */
  override onAdd(map: L.Map): this {
    const img = L.DomUtil.create('img', 'map-overlay-image leaflet-zoom-hide');
    img.alt = this.overlay.name;
    img.dataset['overlay'] = this.overlay.name;
    img.style.opacity = String(this.overlay.opacity);
    img.addEventListener('load', () => this.place());
    img.src = this.overlay.url;
    this.getPane()?.appendChild(img);
    this.img = img;
    map.on('zoomend viewreset', this.place);
    return this;
  }

  /** Removes the image. */
  override onRemove(map: L.Map): this {
    map.off('zoomend viewreset', this.place);
    this.img?.remove();
    this.img = null;
    return this;
  }

  private readonly place = (): void => {
    const img = this.img;
    if (img === null || img.naturalWidth === 0) return;
    const { corners } = this.overlay;
    const p = (c: { lat: number; lon: number }) => this._map.latLngToLayerPoint([c.lat, c.lon]);
    const tl = p(corners.topLeft);
    const tr = p(corners.topRight);
    const bl = p(corners.bottomLeft);
    const w = img.naturalWidth;
    const h = img.naturalHeight;
    const m = [
      (tr.x - tl.x) / w,
      (tr.y - tl.y) / w,
      (bl.x - tl.x) / h,
      (bl.y - tl.y) / h,
      tl.x,
      tl.y,
    ];
    img.style.transform = `matrix(${m.join(',')})`;
  };
}
