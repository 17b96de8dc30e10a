// Inflates one part in pieces, handing each piece on as it comes, so a big sheet is never held
// whole, and stopping as soon as the part expands beyond the size its zip directory declares.
import { Inflate } from "fflate";
import { PackageError } from "./package-error";
import { beyondDeclaredSize, checkPartSize } from "./part-limits";
import type { ZipEntry } from "./zip-read";

/** Compressed bytes inflated at a time: at most ~64 MB come out of one step of even a bomb. */
const STEP = 64 * 1024;
/** Stored (uncompressed) parts are handed on in pieces of this size. */
const STORED_STEP = 1024 * 1024;

/**
 * Calls take() with the part's bytes, piece by piece, in order; take() returns false to stop early.
 * A piece is never overwritten afterwards, so it may be kept.
 */
export function streamPart(archive: Uint8Array, e: ZipEntry, take: (piece: Uint8Array) => boolean): void {
  checkPartSize(e);
  const end = e.dataStart + e.compressedSize;
  if (end > archive.length) throw PackageError.damaged(`part ${e.name} is cut short`);
  if (e.method === 0) {
    for (let p = e.dataStart; p < end; p += STORED_STEP) if (!take(archive.subarray(p, Math.min(end, p + STORED_STEP)))) return;
    return;
  }
  if (e.method !== 8) throw PackageError.damaged(`part ${e.name} uses an unknown compression`);
  let produced = 0;
  let stopped = false;
  let failure: { error: unknown } | undefined;
  const inflate = new Inflate((piece) => {
    if (stopped || !piece.length) return;
    produced += piece.length;
    try {
      if (produced > e.size) throw beyondDeclaredSize(e);
      stopped = !take(piece);
    } catch (error) {
      failure = { error };
      throw error;
    }
  });
  try {
    for (let p = e.dataStart; p < end && !stopped; p += STEP) inflate.push(archive.subarray(p, Math.min(end, p + STEP)), p + STEP >= end);
  } catch {
    // The reader's own errors pass; the zip library's become words an officer can act on.
    if (failure) throw failure.error;
    throw PackageError.damaged(`part ${e.name} cannot be decompressed`);
  }
}
