// The engine worker in-process, for tests: the same service (engine-service.ts) behind a stand-in
// for the browser's Worker. Every message is copied as postMessage copies it, and delivered on a
// later turn of the event loop. Once terminated, the service's answers are dropped (the work
// itself cannot be stopped in-process, but nothing it does comes back).
import type { WorkerLike } from "../../addin/engine-client";
import { engineService } from "../../addin/engine-service";
import type { EngineMessage, EngineReply } from "../../addin/worker-protocol";

/**
 * A copy of a message as the other side receives it. structuredClone checks it can be sent at all
 * (no functions, no class instances but the built-in ones); the copy itself is made here, because
 * structuredClone under Jest makes Dates of another realm, which the engine would not know as dates.
 */
export function posted<T>(message: T): T {
  structuredClone(message);
  return copied(message, new Map()) as T;
}

function copied(v: unknown, seen: Map<object, unknown>): unknown {
  if (v === null || typeof v !== "object") return v;
  if (seen.has(v)) return seen.get(v);
  if (v instanceof Date) return new Date(v.getTime());
  if (ArrayBuffer.isView(v)) return Uint8Array.from(v as Uint8Array);
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    seen.set(v, out);
    for (const item of v) out.push(copied(item, seen));
    return out;
  }
  const out: Record<string, unknown> = {};
  seen.set(v, out);
  for (const [k, item] of Object.entries(v)) out[k] = copied(item, seen);
  return out;
}

export class InProcessWorker implements WorkerLike {
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: ((event: MessageEvent) => void) | null = null;
  terminated = false;
  /** Every request this worker was sent, by kind. */
  readonly received: string[] = [];
  private readonly serve = engineService((reply: EngineReply) => {
    const copy = posted(reply);
    setImmediate(() => this.terminated || this.onmessage?.({ data: copy } as MessageEvent));
  });

  postMessage(message: unknown): void {
    const copy = posted(message) as EngineMessage;
    this.received.push(copy.kind);
    setImmediate(() => this.terminated || void this.serve(copy));
  }

  terminate(): void {
    this.terminated = true;
  }
}

/** A spawn function for EngineWorker that keeps every worker it starts. */
export function inProcessWorkers() {
  const workers: InProcessWorker[] = [];
  return {
    workers,
    spawn: () => {
      const w = new InProcessWorker();
      workers.push(w);
      return w;
    },
  };
}
