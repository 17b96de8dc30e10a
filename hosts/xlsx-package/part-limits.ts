// How big a part may expand before anything is inflated: a zip bomb (a small file that inflates to
// gigabytes) is refused from the sizes its zip directory declares, in words an officer can act on.
import { PackageError } from "./package-error";
import type { ZipEntry } from "./zip-read";

const MB = 1024 * 1024;

export const PART_LIMITS = {
  /** No one part (a sheet, the shared strings) expands to more than this. */
  part: 1024 * MB,
  /** Nor all the parts a read inflates, together. */
  total: 2048 * MB,
  /** A part bigger than ratioAbove may not expand more than ratio times its compressed size. */
  ratio: 200,
  ratioAbove: 100 * MB,
};

const megabytes = (bytes: number) => Math.ceil(bytes / MB).toLocaleString("en-GB");
const notAWorkbook = "is it really a workbook?";

/** Throws when a part's declared size is beyond the limits; nothing has been inflated yet. */
export function checkPartSize(e: ZipEntry): void {
  if (e.size > PART_LIMITS.part) {
    throw new PackageError(`The workbook's part ${e.name} expands to ${megabytes(e.size)} MB, more than this tool will read (${megabytes(PART_LIMITS.part)} MB); ${notAWorkbook}`);
  }
  if (e.method !== 0 && e.size > PART_LIMITS.ratioAbove && e.size > PART_LIMITS.ratio * Math.max(1, e.compressedSize)) {
    throw new PackageError(
      `The workbook's part ${e.name} expands to ${megabytes(e.size)} MB from ${megabytes(e.compressedSize)} MB, far more than a workbook's parts compress, so this tool will not read it; ${notAWorkbook}`,
    );
  }
}

/** Throws when the parts to be read, together, expand beyond the limit. */
export function checkTotalSize(entries: ZipEntry[]): void {
  let total = 0;
  for (const e of entries) {
    checkPartSize(e);
    total += e.size;
  }
  if (total > PART_LIMITS.total) {
    throw new PackageError(`The workbook's parts expand to ${megabytes(total)} MB together, more than this tool will read (${megabytes(PART_LIMITS.total)} MB); ${notAWorkbook}`);
  }
}

/** The part inflated to more than its zip directory declared (a damaged file, or a bomb that lies). */
export function beyondDeclaredSize(e: ZipEntry): PackageError {
  return new PackageError(`The workbook's part ${e.name} expands to more than the ${megabytes(e.size)} MB its zip directory declares, so this tool stopped reading it; the file is damaged, or ${notAWorkbook}`);
}
