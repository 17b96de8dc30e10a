// A part's new contents compressed for the zip: the deflated stream with the CRC and size of what
// went in. Small contents go to fflate at level 6; big ones (a rewritten sheet) to the fast compressor,
// which on a 40 MB sheet takes about a sixth of level 6's time for a part about two fifths bigger.
// Parts a patch leaves alone are never recompressed.
import { deflateSync } from "fflate";
import { joinPieces } from "./byte-output";
import { crc32, crc32Combine } from "./crc32";
import { FastDeflate } from "./fast-deflate";

export interface DeflatedPart {
  data: Uint8Array[];
  crc: number;
  size: number;
}

/** Contents at least this big go to the fast compressor. */
const BIG = 128 * 1024;

/** The pieces deflated as one stream. */
export function deflatePieces(pieces: Uint8Array[]): DeflatedPart {
  let crc = 0;
  let size = 0;
  for (const piece of pieces) {
    crc = crc32(piece, crc);
    size += piece.length;
  }
  if (size < BIG) return { data: [deflateSync(joinPieces(pieces), { level: 6 })], crc, size };
  const deflate = new FastDeflate();
  for (const piece of pieces) deflate.push(piece);
  deflate.end(true);
  return { data: deflate.result(), crc, size };
}

/**
 * A part whose end is deflated as it is made (push) while its beginning is held until the end:
 * a sheet's <dimension> is known only once every row is written. The beginning becomes a stream of
 * its own, ended so that the rest's stream follows it; the CRCs are combined.
 */
export class StreamingDeflate {
  private readonly rest = new FastDeflate();
  private crc = 0;
  private size = 0;

  readonly push = (piece: Uint8Array): void => {
    if (!piece.length) return;
    this.crc = crc32(piece, this.crc);
    this.size += piece.length;
    this.rest.push(piece);
  };

  /** The whole part, given its beginning. */
  finish(beginning: Uint8Array[]): DeflatedPart {
    if (!this.size) return deflatePieces(beginning);
    let crc = 0;
    let size = 0;
    const head = new FastDeflate();
    for (const piece of beginning) {
      crc = crc32(piece, crc);
      size += piece.length;
      head.push(piece);
    }
    head.end(false);
    this.rest.end(true);
    return { data: [...head.result(), ...this.rest.result()], crc: crc32Combine(crc, this.crc, this.size), size: size + this.size };
  }
}
