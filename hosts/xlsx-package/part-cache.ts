// What reading a workbook's bytes learned, kept for the next reader or writer of the same bytes:
// parts already inflated (a run reads the schools sheet's values, then its page setup, then patches
// it, and inflates it once), and worksheets' cell styles noted while their values were read (so the
// fills of the cells a run colours need no second read). Parts are kept only up to a total size, so
// a huge workbook is not held twice in memory.
import type { CellStyles } from "./cell-styles";
import type { ZipEntry } from "./zip-read";

/** Keeps parts up to this many bytes in all; a part beyond that is inflated again when needed. */
const DEFAULT_LIMIT = 128 * 1024 * 1024;

export class PartCache {
  private readonly parts = new Map<string, Uint8Array>();
  private readonly styles = new Map<string, CellStyles>();
  private held = 0;

  /** For the archive `bytes`: a cache is only ever used with the bytes it was made for. */
  constructor(
    readonly bytes: Uint8Array,
    private readonly limit = DEFAULT_LIMIT,
  ) {}

  get(e: ZipEntry): Uint8Array | undefined {
    return this.parts.get(e.name);
  }

  /** Whether a part of this size would be kept. */
  wouldKeep(e: ZipEntry): boolean {
    return this.parts.has(e.name) || this.held + e.size <= this.limit;
  }

  /** Keeps a part's whole uncompressed bytes (never changed afterwards). */
  keep(e: ZipEntry, data: Uint8Array): void {
    if (this.parts.has(e.name) || !this.wouldKeep(e)) return;
    this.parts.set(e.name, data);
    this.held += data.length;
  }

  /** A worksheet's cell styles, noted as it was read. */
  cellStyles(e: ZipEntry): CellStyles | undefined {
    return this.styles.get(e.name);
  }

  keepStyles(e: ZipEntry, styles: CellStyles): void {
    this.styles.set(e.name, styles);
  }
}

/** The cache when it was made for these bytes, otherwise none. */
export const cacheFor = (cache: PartCache | undefined, bytes: Uint8Array): PartCache | undefined => (cache && cache.bytes === bytes ? cache : undefined);
