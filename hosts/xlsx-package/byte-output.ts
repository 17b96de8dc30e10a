// The bytes of a part being rewritten: ranges copied from the old part (long ones passed on as views
// of it, not copied) and new text encoded as UTF-8. They are held as pieces, or, once streamTo() is
// called, handed to a consumer as they are made, through one buffer used again and again. A slot is
// a held piece filled in at the end, for text known only once the rest is written (a <dimension>).

const CHUNK = 256 * 1024;
/** Ranges at least this long are passed on as views of the source rather than copied. */
const VIEW = 16 * 1024;
const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8");

/** Takes a piece of output; the piece may be overwritten once the call returns. */
export type PieceSink = (piece: Uint8Array) => void;

export class ByteOutput {
  private readonly held: Uint8Array[] = [];
  private sink: PieceSink | undefined;
  private buffer = new Uint8Array(CHUNK);
  private start = 0;
  private end = 0;

  /** Bytes from start to end of source. */
  bytes(source: Uint8Array, start: number, end: number): void {
    const n = end - start;
    if (n <= 0) return;
    if (n >= VIEW) {
      this.cut();
      this.emit(source.subarray(start, end));
      return;
    }
    this.room(n);
    const buffer = this.buffer;
    let p = this.end;
    if (n < 64) for (let k = start; k < end; k++) buffer[p++] = source[k];
    else {
      buffer.set(source.subarray(start, end), p);
      p += n;
    }
    this.end = p;
  }

  /** Text as UTF-8. */
  text(s: string): void {
    const n = s.length;
    if (n === 0) return;
    this.room(3 * n);
    const buffer = this.buffer;
    let p = this.end;
    let i = 0;
    if (n < 128) {
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c >= 128) break;
        buffer[p++] = c;
      }
    }
    if (i < n) p += encoder.encodeInto(i ? s.slice(i) : s, buffer.subarray(p)).written;
    this.end = p;
  }

  /** A non-negative integer's decimal digits. */
  integer(n: number): void {
    if (!(n >= 0 && n < 1e15 && Number.isInteger(n))) {
      this.text(String(n));
      return;
    }
    this.room(16);
    const buffer = this.buffer;
    let digits = 1;
    for (let m = n; m >= 10; m = Math.floor(m / 10)) digits++;
    let p = this.end + digits;
    this.end = p;
    let m = n;
    do {
      buffer[--p] = 48 + (m % 10);
      m = Math.floor(m / 10);
    } while (m > 0);
  }

  /** Starts an empty held piece to fill in later with setSlot; returns its number. */
  slot(): number {
    if (this.sink) throw new Error("no slot once the output streams");
    this.cut();
    this.held.push(new Uint8Array(0));
    return this.held.length - 1;
  }

  setSlot(slot: number, bytes: Uint8Array): void {
    this.held[slot] = bytes;
  }

  /** From here on, pieces go to sink as they are made rather than being held. */
  streamTo(sink: PieceSink): void {
    this.cut();
    this.sink = sink;
    // The held pieces are views of the buffer so far: the buffer used again from now on is a new one.
    this.buffer = new Uint8Array(CHUNK);
    this.start = this.end = 0;
  }

  /** The held pieces, in order (all of the output unless it was streamed from some point). */
  finish(): Uint8Array[] {
    this.cut();
    return this.held;
  }

  /** Ends the current piece, so that what follows goes in a new one. */
  private cut(): void {
    if (this.end === this.start) return;
    this.emit(this.buffer.subarray(this.start, this.end));
    if (this.sink) this.start = this.end = 0;
    else this.start = this.end;
  }

  private emit(piece: Uint8Array): void {
    if (this.sink) this.sink(piece);
    else this.held.push(piece);
  }

  private room(n: number): void {
    if (this.buffer.length - this.end >= n) return;
    this.cut();
    if (this.buffer.length - this.end >= n) return;
    this.buffer = new Uint8Array(Math.max(CHUNK, n));
    this.start = this.end = 0;
  }
}

/** The pieces as one array. */
export function joinPieces(pieces: Uint8Array[]): Uint8Array {
  if (pieces.length === 1) return pieces[0];
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export const piecesText = (pieces: Uint8Array[]) => decoder.decode(joinPieces(pieces));
