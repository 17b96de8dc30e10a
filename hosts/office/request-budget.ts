// How big one request to Excel, and its response, may be. Excel on the web refuses either over
// 5 MB; every batch the Office host sends is sized to stay at most MAX_REQUEST_BYTES, measured in
// UTF-8 bytes of the JSON Office.js sends or gets back.

/** The most any request or response of ours may carry. */
export const MAX_REQUEST_BYTES = 4_000_000;
/** Excel on the web's own limit: a refusal proves a payload was at least this big. */
export const EXCEL_PAYLOAD_LIMIT = 5_000_000;
/** An allowance for one queued operation besides its data: its name, object path and ids. */
export const OPERATION_BYTES = 200;

/** Excel refused a request, or its response, for its size (the batch was not applied). */
export function isPayloadTooLarge(e: unknown): boolean {
  const text = e instanceof Error ? `${(e as { code?: unknown }).code ?? ""} ${e.message}` : String(e);
  return /(Request|Response)PayloadSizeLimitExceeded/i.test(text);
}

/** UTF-8 bytes of a string written as JSON text, quotes and escapes included. One pass, no copy. */
export function jsonStringBytes(s: string): number {
  let n = 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0x80) n += c === 0x22 || c === 0x5c ? 2 : 1;
    else if (c < 0x20) n += c >= 0x08 && c <= 0x0d && c !== 0x0b ? 2 : 6; // \b \t \n \f \r, else \u00XX
    else if (c < 0x800) n += 2;
    else n += 3; // a surrogate pair counts 3 + 3, more than its 4 bytes: on the safe side
  }
  return n;
}

/** UTF-8 bytes of a cell value (as Office.js sends or returns it) written as JSON. */
export function jsonCellBytes(v: unknown): number {
  if (typeof v === "string") return jsonStringBytes(v);
  if (typeof v === "number") return Number.isFinite(v) ? String(v).length : 4;
  if (typeof v === "boolean") return v ? 4 : 5;
  return 4; // null
}

/** UTF-8 bytes of a grid of cell values written as JSON: brackets and commas included. */
export function jsonGridBytes(grid: readonly (readonly unknown[])[]): number {
  let n = grid.length ? 1 : 2; // "[]", less the comma counted after the last row
  for (const row of grid) {
    n += 2 + row.length; // "[]" and a comma after each value but the last, one after the row
    for (const v of row) n += jsonCellBytes(v);
  }
  return n;
}

/**
 * Sends items' requests in as few batches as the budget allows, by each item's estimated bytes
 * (its request and response together), and hands each item its answer. A batch Excel refuses for
 * its size is sent again in two; a single item refused is an error. Returns the requests made.
 */
export async function inBatches<T, A>(
  context: { sync(): Promise<unknown> },
  items: readonly T[],
  bytes: (item: T) => number,
  queue: (item: T) => A,
  done: (item: T, answer: A) => void,
  budget = MAX_REQUEST_BYTES,
): Promise<number> {
  let syncs = 0;
  const send = async (batch: readonly T[]): Promise<void> => {
    const answers = batch.map(queue);
    try {
      await context.sync();
      syncs++;
    } catch (e) {
      if (!isPayloadTooLarge(e) || batch.length === 1) throw e;
      const half = Math.ceil(batch.length / 2);
      await send(batch.slice(0, half));
      await send(batch.slice(half));
      return;
    }
    batch.forEach((item, i) => done(item, answers[i]));
  };
  let batch: T[] = [];
  let size = 0;
  for (const item of items) {
    const b = bytes(item);
    if (batch.length && size + b > budget) {
      await send(batch);
      batch = [];
      size = 0;
    }
    batch.push(item);
    size += b;
  }
  if (batch.length) await send(batch);
  return syncs;
}
