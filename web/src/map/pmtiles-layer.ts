/**
 * A Leaflet tile layer drawn from a raster PMTiles archive (PNG, JPEG or WebP tiles) read with
 * HTTP range requests by protomaps' `pmtiles` library: no tile server, no Internet — the city's
 * one file, served by Vedetta (`/api/map/basemap.pmtiles`). A tile the archive lacks stays empty.
 */
import L from 'leaflet';
import { PMTiles, TileType } from 'pmtiles';

const MEDIA_TYPES: Partial<Record<TileType, string>> = {
  [TileType.Png]: 'image/png',
  [TileType.Jpeg]: 'image/jpeg',
  [TileType.Webp]: 'image/webp',
  [TileType.Avif]: 'image/avif',
};

/** The PMTiles raster layer. */
export class PmtilesLayer extends L.GridLayer {
  private readonly archive: PMTiles;

  constructor(url: string, options: L.GridLayerOptions) {
    super(options);
    this.archive = new PMTiles(url);
  }

  /** Leaflet asks for one tile; `done` is told when it is drawn (or failed). */
  protected override createTile(coords: L.Coords, done: L.DoneCallback): HTMLElement {
    const img = document.createElement('img');
    img.alt = '';
    img.setAttribute('role', 'presentation');
    img.dataset['tile'] = `${coords.z}/${coords.x}/${coords.y}`;
    void this.load(img, coords).then(
      () => done(undefined, img),
      (e: unknown) => done(e instanceof Error ? e : new Error(String(e)), img),
    );
    return img;
  }

  private async load(img: HTMLImageElement, coords: L.Coords): Promise<void> {
    const header = await this.archive.getHeader();
    const type = MEDIA_TYPES[header.tileType];
    if (type === undefined) throw new Error('the PMTiles archive has no raster tiles');
    const tile = await this.archive.getZxy(coords.z, coords.x, coords.y);
    if (tile === undefined) return;
    const url = URL.createObjectURL(new Blob([tile.data], { type }));
    try {
      img.src = url;
      await img.decode();
    } finally {
      URL.revokeObjectURL(url);
    }
  }
}
