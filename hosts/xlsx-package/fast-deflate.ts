// A fast raw DEFLATE compressor (RFC 1951) for the big parts a patch rewrites: greedy LZ77 with one
// candidate per 4-byte hash, in dynamic Huffman blocks. On a sheet's XML it runs about three times
// as fast as fflate's level 1, for output a few per cent bigger. Input comes in pieces; a window of
// the last 32 KB is kept, so matches reach back across pieces.

const WINDOW = 32768;
const MAX_MATCH = 258;
const HASH_BITS = 16;
/** Input taken into the window at a time. */
const SLICE = 1 << 20;
/** Symbols per block: each block has its own Huffman codes. */
const BLOCK_SYMBOLS = 1 << 15;
const OUT_CHUNK = 1 << 16;
/** A symbol at or above this is a match: (length - 3) << 15 | (distance - 1). */
const MATCH = 1 << 24;

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DISTANCE_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DISTANCE_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
/** The order the code lengths of the code-length alphabet are sent in. */
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** Length code (0 to 28, for symbols 257 to 285) by length - 3. */
const LENGTH_CODE = new Uint8Array(256);
for (let c = 0; c < 28; c++) for (let l = LENGTH_BASE[c]; l < LENGTH_BASE[c + 1]; l++) LENGTH_CODE[l - 3] = c;
LENGTH_CODE[255] = 28;

/** Distance code by distance - 1 for distances up to 256, and by 256 + ((distance - 1) >> 7) above. */
const DISTANCE_CODE = new Uint8Array(512);
for (let c = 0; c < 30; c++) {
  for (let d = DISTANCE_BASE[c]; d < (c < 29 ? DISTANCE_BASE[c + 1] : WINDOW + 1); d++) {
    DISTANCE_CODE[d <= 256 ? d - 1 : 256 + ((d - 1) >> 7)] = c;
  }
}

const distanceCode = (d1: number) => (d1 < 256 ? DISTANCE_CODE[d1] : DISTANCE_CODE[256 + (d1 >> 7)]);

/**
 * Huffman code lengths of at most maxBits for the frequencies (0: symbol unused). When the tree
 * comes out too deep, the frequencies are flattened and it is built again.
 */
export function codeLengths(frequencies: Uint32Array, maxBits: number): Uint8Array {
  const n = frequencies.length;
  const lengths = new Uint8Array(n);
  const f = Float64Array.from(frequencies);
  for (;;) {
    const symbols: number[] = [];
    for (let i = 0; i < n; i++) if (f[i]) symbols.push(i);
    const m = symbols.length;
    if (m === 0) return lengths;
    if (m === 1) {
      lengths[symbols[0]] = 1;
      return lengths;
    }
    symbols.sort((a, b) => f[a] - f[b] || a - b);
    // Leaves in order of weight, then internal nodes in the order made (their weights only rise):
    // the two lightest are always at the front of one queue or the other.
    const weight = new Float64Array(2 * m - 1);
    const parent = new Int32Array(2 * m - 1);
    for (let i = 0; i < m; i++) weight[i] = f[symbols[i]];
    let leaf = 0;
    let node = m;
    const lightest = (made: number) => (leaf < m && (node >= made || weight[leaf] <= weight[node]) ? leaf++ : node++);
    for (let made = m; made < 2 * m - 1; made++) {
      const a = lightest(made);
      const b = lightest(made);
      weight[made] = weight[a] + weight[b];
      parent[a] = parent[b] = made;
    }
    const depth = new Uint8Array(2 * m - 1);
    let deepest = 0;
    for (let i = 2 * m - 3; i >= 0; i--) {
      depth[i] = depth[parent[i]] + 1;
      if (i < m && depth[i] > deepest) deepest = depth[i];
    }
    if (deepest <= maxBits) {
      for (let i = 0; i < m; i++) lengths[symbols[i]] = depth[i];
      return lengths;
    }
    for (let i = 0; i < n; i++) if (f[i]) f[i] = Math.floor(f[i] / 2) + 1;
  }
}

/** Canonical codes for the lengths, bit-reversed, as DEFLATE sends them (least significant bit first). */
function canonicalCodes(lengths: Uint8Array): Uint16Array {
  const count = new Uint16Array(16);
  for (const l of lengths) count[l]++;
  count[0] = 0;
  const next = new Uint16Array(16);
  for (let bits = 1, code = 0; bits < 16; bits++) {
    code = (code + count[bits - 1]) << 1;
    next[bits] = code;
  }
  const codes = new Uint16Array(lengths.length);
  lengths.forEach((l, i) => {
    if (!l) return;
    let c = next[l]++;
    let reversed = 0;
    for (let k = 0; k < l; k++, c >>= 1) reversed = (reversed << 1) | (c & 1);
    codes[i] = reversed;
  });
  return codes;
}

/** The code lengths of both alphabets, run-length coded (16: repeat the last, 17 and 18: zeros), as pairs of symbol and extra value. */
function runLengths(lengths: Uint8Array): number[] {
  const out: number[] = [];
  for (let k = 0; k < lengths.length; ) {
    const l = lengths[k];
    let run = 1;
    while (k + run < lengths.length && lengths[k + run] === l) run++;
    k += run;
    if (l === 0) {
      for (; run >= 11; run -= Math.min(run, 138)) out.push(18, Math.min(run, 138) - 11);
      if (run >= 3) {
        out.push(17, run - 3);
        run = 0;
      }
    } else {
      out.push(l, 0);
      for (run--; run >= 3; run -= Math.min(run, 6)) out.push(16, Math.min(run, 6) - 3);
    }
    for (; run > 0; run--) out.push(l, 0);
  }
  return out;
}

export class FastDeflate {
  private readonly chunks: Uint8Array[] = [];
  private out = new Uint8Array(OUT_CHUNK);
  private pos = 0;
  /** Bits not yet written out (fewer than 8 between symbols), and how many. */
  private bits = 0;
  private bitCount = 0;
  /** The window: up to 32 KB already compressed, then the input not yet compressed. */
  private readonly window = new Uint8Array(2 * WINDOW + SLICE + 2 * MAX_MATCH);
  /** The window read four bytes at a time. */
  private readonly view = new DataView(this.window.buffer);
  private start = 0;
  private filled = 0;
  /** The last position of each 4-byte hash in the window, or a negative number. */
  private readonly head = new Int32Array(1 << HASH_BITS).fill(-1);
  private readonly symbols = new Uint32Array(BLOCK_SYMBOLS);
  private symbolCount = 0;
  private readonly literalFrequencies = new Uint32Array(286);
  private readonly distanceFrequencies = new Uint32Array(30);
  private finished = false;

  /**
   * Compresses the next piece. After the final one, result() holds the stream. With final false, the
   * stream can still be ended by end().
   */
  push(piece: Uint8Array, final = false): void {
    if (this.finished) throw new Error("deflate stream already finished");
    for (let p = 0; p < piece.length; ) {
      const n = Math.min(SLICE, piece.length - p);
      if (this.filled + n > this.window.length) this.slide();
      this.window.set(piece.subarray(p, p + n), this.filled);
      this.filled += n;
      p += n;
      // A match may run up to MAX_MATCH bytes ahead: keep that much back until the next piece.
      this.compress(this.filled - MAX_MATCH);
    }
    if (final) this.end(true);
  }

  /**
   * Ends the stream. Not last (last false), it ends on a whole byte after an empty stored block (a
   * sync flush), so that another stream can follow it: the two together inflate as one.
   */
  end(last: boolean): void {
    if (this.finished) throw new Error("deflate stream already finished");
    this.compress(this.filled);
    this.writeBlock(last);
    if (!last) this.put(0, 3); // a stored block, not last: its length follows on a whole byte
    if (this.bitCount) this.byte(this.bits & 0xff);
    this.bits = this.bitCount = 0;
    if (!last) for (const b of [0, 0, 0xff, 0xff]) this.byte(b);
    this.flushOut();
    this.finished = true;
  }

  /** The compressed stream, once the final piece is pushed. */
  result(): Uint8Array[] {
    return this.chunks;
  }

  /** Moves the last 32 KB compressed and what is not yet compressed to the front of the window. */
  private slide(): void {
    const drop = this.start - WINDOW;
    if (drop <= 0) return;
    this.window.copyWithin(0, drop, this.filled);
    this.start -= drop;
    this.filled -= drop;
    const head = this.head;
    for (let i = 0; i < head.length; i++) head[i] = head[i] >= drop ? head[i] - drop : -1;
  }

  /** Turns the window's input up to limit into literals and matches. */
  private compress(limit: number): void {
    const b = this.window;
    const view = this.view;
    const { head, symbols, literalFrequencies, distanceFrequencies } = this;
    const end = this.filled;
    let i = this.start;
    let n = this.symbolCount;
    while (i < limit) {
      if (n === BLOCK_SYMBOLS) {
        this.symbolCount = n;
        this.writeBlock(false);
        n = 0;
      }
      if (i + 4 <= end) {
        const four = view.getInt32(i, true);
        const h = Math.imul(four, 0x9e3779b1) >>> (32 - HASH_BITS);
        const candidate = head[h];
        head[h] = i;
        const distance = i - candidate;
        if (candidate >= 0 && distance <= WINDOW && view.getInt32(candidate, true) === four) {
          const max = Math.min(MAX_MATCH, end - i);
          let length = 4;
          while (length + 4 <= max && view.getInt32(candidate + length, true) === view.getInt32(i + length, true)) length += 4;
          while (length < max && b[candidate + length] === b[i + length]) length++;
          symbols[n++] = MATCH | ((length - 3) << 15) | (distance - 1);
          literalFrequencies[257 + LENGTH_CODE[length - 3]]++;
          distanceFrequencies[distanceCode(distance - 1)]++;
          // The position just before the match's end, so a following match can start from it.
          const j = i + length - 2;
          if (j + 4 <= end) head[Math.imul(view.getInt32(j, true), 0x9e3779b1) >>> (32 - HASH_BITS)] = j;
          i += length;
          continue;
        }
      }
      symbols[n++] = b[i];
      literalFrequencies[b[i]]++;
      i++;
    }
    this.symbolCount = n;
    this.start = i;
  }

  /** Writes the symbols gathered as one block with its own codes. */
  private writeBlock(final: boolean): void {
    const literals = this.literalFrequencies;
    const distances = this.distanceFrequencies;
    literals[256]++; // end of block
    // Each alphabet gets at least two codes, so every decoder takes its code as complete.
    if (literals.filter((f) => f > 0).length < 2) literals[literals[0] ? 1 : 0]++;
    if (distances.filter((f) => f > 0).length < 2) distances[distances[0] ? 1 : 0]++;
    const literalLengths = codeLengths(literals, 15);
    const distanceLengths = codeLengths(distances, 15);
    const literalCodes = canonicalCodes(literalLengths);
    const distanceCodes = canonicalCodes(distanceLengths);
    let hlit = 286;
    while (hlit > 257 && !literalLengths[hlit - 1]) hlit--;
    let hdist = 30;
    while (hdist > 1 && !distanceLengths[hdist - 1]) hdist--;
    const lengths = new Uint8Array(hlit + hdist);
    lengths.set(literalLengths.subarray(0, hlit));
    lengths.set(distanceLengths.subarray(0, hdist), hlit);
    const runs = runLengths(lengths);
    const runFrequencies = new Uint32Array(19);
    for (let k = 0; k < runs.length; k += 2) runFrequencies[runs[k]]++;
    const runLengthLengths = codeLengths(runFrequencies, 7);
    const runCodes = canonicalCodes(runLengthLengths);
    let hclen = 19;
    while (hclen > 4 && !runLengthLengths[CODE_LENGTH_ORDER[hclen - 1]]) hclen--;

    this.put(final ? 1 : 0, 1);
    this.put(2, 2); // dynamic Huffman codes
    this.put(hlit - 257, 5);
    this.put(hdist - 1, 5);
    this.put(hclen - 4, 4);
    for (let k = 0; k < hclen; k++) this.put(runLengthLengths[CODE_LENGTH_ORDER[k]], 3);
    for (let k = 0; k < runs.length; k += 2) {
      const s = runs[k];
      this.put(runCodes[s], runLengthLengths[s]);
      if (s >= 16) this.put(runs[k + 1], s === 16 ? 2 : s === 17 ? 3 : 7);
    }

    // Each length (less 3) as its code and extra bits together, and each distance (less 1) up to 256 the same.
    const lengthBits = new Uint32Array(256);
    const lengthCount = new Uint8Array(256);
    for (let l3 = 0; l3 < 256; l3++) {
      const lc = LENGTH_CODE[l3];
      lengthBits[l3] = literalCodes[257 + lc] | ((l3 + 3 - LENGTH_BASE[lc]) << literalLengths[257 + lc]);
      lengthCount[l3] = literalLengths[257 + lc] + LENGTH_EXTRA[lc];
    }
    const nearBits = new Uint32Array(256);
    const nearCount = new Uint8Array(256);
    for (let d1 = 0; d1 < 256; d1++) {
      const dc = DISTANCE_CODE[d1];
      nearBits[d1] = distanceCodes[dc] | ((d1 + 1 - DISTANCE_BASE[dc]) << distanceLengths[dc]);
      nearCount[d1] = distanceLengths[dc] + DISTANCE_EXTRA[dc];
    }
    const symbols = this.symbols;
    let out = this.out;
    let pos = this.pos;
    let bits = this.bits;
    let bitCount = this.bitCount;
    for (let k = 0; k < this.symbolCount; k++) {
      if (pos + 8 > out.length) {
        this.pos = pos;
        this.flushOut();
        out = this.out;
        pos = 0;
      }
      const s = symbols[k];
      if (s < MATCH) {
        bits |= literalCodes[s] << bitCount;
        bitCount += literalLengths[s];
      } else {
        // At most 20 bits, onto fewer than 8.
        const length3 = (s >> 15) & 255;
        bits |= lengthBits[length3] << bitCount;
        bitCount += lengthCount[length3];
        for (; bitCount >= 8; bitCount -= 8, bits >>>= 8) out[pos++] = bits;
        const d1 = s & 32767;
        if (d1 < 256) {
          // At most 22 bits.
          bits |= nearBits[d1] << bitCount;
          bitCount += nearCount[d1];
        } else {
          const dc = DISTANCE_CODE[256 + (d1 >> 7)];
          bits |= distanceCodes[dc] << bitCount;
          bitCount += distanceLengths[dc];
          for (; bitCount >= 8; bitCount -= 8, bits >>>= 8) out[pos++] = bits;
          bits |= (d1 + 1 - DISTANCE_BASE[dc]) << bitCount;
          bitCount += DISTANCE_EXTRA[dc];
        }
      }
      for (; bitCount >= 8; bitCount -= 8, bits >>>= 8) out[pos++] = bits;
    }
    this.pos = pos;
    this.bits = bits;
    this.bitCount = bitCount;
    this.put(literalCodes[256], literalLengths[256]);
    this.symbolCount = 0;
    literals.fill(0);
    distances.fill(0);
  }

  /** Writes n bits (n at most 16). */
  private put(value: number, n: number): void {
    this.bits |= value << this.bitCount;
    this.bitCount += n;
    while (this.bitCount >= 8) {
      this.byte(this.bits & 0xff);
      this.bits >>>= 8;
      this.bitCount -= 8;
    }
  }

  private byte(value: number): void {
    if (this.pos === this.out.length) this.flushOut();
    this.out[this.pos++] = value;
  }

  private flushOut(): void {
    if (this.pos) this.chunks.push(this.out.subarray(0, this.pos));
    this.out = new Uint8Array(OUT_CHUNK);
    this.pos = 0;
  }
}
