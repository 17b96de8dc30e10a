// A part's new contents compressed for the zip: the deflated stream with the CRC and size of what
// went in. Small contents go to fflate at level 6; big ones (a rewritten sheet) to a fast compressor:
// Node's zlib at level 1 where there is Node (the command line), else the TypeScript one
// (fast-deflate.ts), which on a 40 MB sheet takes about a sixth of level 6's time for a part about
// two fifths bigger. Parts a patch leaves alone are never recompressed.
import { deflateSync } from "fflate";
import { joinPieces } from "./byte-output";
import { crc32, crc32Combine } from "./crc32";
import { FastDeflate } from "./fast-deflate";
import { nodeZlib, type NodeZlib } from "./node-zlib";

export interface DeflatedPart {
  data: Uint8Array[];
  crc: number;
  size: number;
}

/** Contents at least this big go to the fast compressor. */
const BIG = 128 * 1024;

/** A raw deflate stream made piece by piece; end(false) ends it so that another stream can follow. */
interface Compressor {
  push(piece: Uint8Array): void;
  end(last: boolean): Uint8Array[];
}

/** The TypeScript compressor. */
class PortableCompressor implements Compressor {
  private readonly deflate = new FastDeflate();
  push(piece: Uint8Array): void {
    this.deflate.push(piece);
  }
  end(last: boolean): Uint8Array[] {
    this.deflate.end(last);
    return this.deflate.result();
  }
}

/** Input gathered for one call of Node's deflate. */
const NATIVE_BLOCK = 4 * 1024 * 1024;

/**
 * Node's zlib, a block at a time: each block is a stream of its own, ended by a sync flush (byte
 * aligned, not final), so the blocks read as one stream; the last block ends it, or is flushed too.
 */
class NativeCompressor implements Compressor {
  private readonly out: Uint8Array[] = [];
  /** Grows to NATIVE_BLOCK as input comes, so a small part takes little. */
  private block = new Uint8Array(0);
  private filled = 0;

  constructor(private readonly zlib: NodeZlib) {}

  push(piece: Uint8Array): void {
    for (let p = 0; p < piece.length; ) {
      if (this.filled === this.block.length) this.grow(piece.length - p);
      const n = Math.min(piece.length - p, this.block.length - this.filled);
      this.block.set(n === piece.length ? piece : piece.subarray(p, p + n), this.filled);
      this.filled += n;
      p += n;
      if (this.filled === NATIVE_BLOCK) this.flush(false);
    }
  }

  private grow(wanted: number): void {
    const block = new Uint8Array(Math.min(NATIVE_BLOCK, Math.max(2 * this.block.length, wanted, 64 * 1024)));
    block.set(this.block.subarray(0, this.filled));
    this.block = block;
  }

  end(last: boolean): Uint8Array[] {
    this.flush(last);
    return this.out;
  }

  private flush(last: boolean): void {
    const input = this.block.subarray(0, this.filled);
    this.out.push(this.zlib.deflateRawSync(input, last ? { level: 1 } : { level: 1, finishFlush: this.zlib.constants.Z_SYNC_FLUSH }));
    this.filled = 0;
  }
}

const compressor = (): Compressor => (nodeZlib ? new NativeCompressor(nodeZlib) : new PortableCompressor());

/** The pieces deflated as one stream. */
export function deflatePieces(pieces: Uint8Array[]): DeflatedPart {
  let crc = 0;
  let size = 0;
  for (const piece of pieces) {
    crc = crc32(piece, crc);
    size += piece.length;
  }
  if (size < BIG) return { data: [deflateSync(joinPieces(pieces), { level: 6 })], crc, size };
  const deflate = compressor();
  for (const piece of pieces) deflate.push(piece);
  return { data: deflate.end(true), crc, size };
}

/**
 * A part whose end is deflated as it is made (push) while its beginning is held until the end:
 * a sheet's <dimension> is known only once every row is written. The beginning becomes a stream of
 * its own, ended so that the rest's stream follows it; the CRCs are combined.
 */
export class StreamingDeflate {
  private readonly rest = compressor();
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
    const head = compressor();
    for (const piece of beginning) {
      crc = crc32(piece, crc);
      size += piece.length;
      head.push(piece);
    }
    return { data: [...head.end(false), ...this.rest.end(true)], crc: crc32Combine(crc, this.crc, this.size), size: size + this.size };
  }
}
