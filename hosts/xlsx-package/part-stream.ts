// Inflates one part in pieces, handing each piece on as it comes, so a big sheet is never held
// whole, and stopping as soon as the part expands beyond the size its zip directory declares. Under
// Node, the readers that want a part whole (up to 256 MB) have it inflated by Node's zlib instead,
// which is several times faster (inflateWhole).
import { Inflate } from "fflate";
import { PackageError } from "./package-error";
import { beyondDeclaredSize, checkPartSize } from "./part-limits";
import { nodeZlib } from "./node-zlib";
import type { ZipEntry } from "./zip-read";

/** Compressed bytes inflated at a time: at most ~64 MB come out of one step of even a bomb. */
const STEP = 64 * 1024;
/** Stored (uncompressed) parts are handed on in pieces of this size. */
const STORED_STEP = 1024 * 1024;

/** Parts up to this size are inflated whole by Node's zlib, where there is Node. */
const NATIVE_WHOLE = 256 * 1024 * 1024;

/**
 * The part inflated whole by Node's zlib, or undefined where there is no Node, the part is too big
 * to hold whole, or it does not inflate to its declared size: then it is inflated in pieces, which
 * stops where a reader has seen enough and says what is wrong.
 */
export function inflateWhole(archive: Uint8Array, e: ZipEntry): Uint8Array | undefined {
  const end = e.dataStart + e.compressedSize;
  if (!nodeZlib || e.method !== 8 || e.size > NATIVE_WHOLE || end > archive.length) return undefined;
  checkPartSize(e);
  try {
    const data = nodeZlib.inflateRawSync(archive.subarray(e.dataStart, end), { maxOutputLength: Math.max(1, e.size) });
    // A plain view, not Node's Buffer: the scanners' indexOf and subarray are the typed array's own, which are faster.
    return data.length === e.size ? new Uint8Array(data.buffer, data.byteOffset, data.length) : undefined;
  } catch {
    return undefined;
  }
}

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
