// The pane's side of the engine worker: requests go in order to one worker, with progress and
// the parts of long results coming back. Cancelling a request stops the worker at once (whatever
// it was doing) and the next request starts a fresh one, so a run that will not end, or a hostile
// ruleset, never holds the pane.
import { joinRun, type OutcomePart } from "./outcome-transfer";
import type { Progress } from "./pane-host";
import { CancelledError, revivedError } from "./worker-errors";
import type { EngineReply, EngineReplies, EngineRequest } from "./worker-protocol";

/** What a worker is to the pane (the browser's Worker, or a stand-in in tests). */
export interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
}

export interface RequestOptions {
  /** Aborting it stops the worker and rejects with CancelledError. */
  signal?: AbortSignal;
  progress?: Progress;
  /** Called as each part of a long result arrives: parts so far, parts in all. */
  onPart?: (received: number, count: number) => void;
}

interface Call {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  options: RequestOptions;
  parts: OutcomePart[];
  /** Stops listening for the signal. */
  release: () => void;
}

export class EngineWorker {
  private worker: WorkerLike | null = null;
  private nextId = 1;
  private readonly calls = new Map<number, Call>();
  /** What the current worker holds open (an uploaded workbook), forgotten with the worker. */
  private held: unknown = null;
  /** How many workers have been started: a new one after each cancel. */
  started = 0;

  constructor(private readonly spawn: () => WorkerLike) {}

  request<K extends EngineRequest["kind"]>(request: Extract<EngineRequest, { kind: K }>, options: RequestOptions = {}): Promise<EngineReplies[K]> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(new CancelledError());
    const worker = this.running();
    const id = this.nextId++;
    return new Promise<EngineReplies[K]>((resolve, reject) => {
      const onAbort = () => this.stop(new CancelledError());
      signal?.addEventListener("abort", onAbort, { once: true });
      const release = () => signal?.removeEventListener("abort", onAbort);
      this.calls.set(id, { resolve: resolve as (value: unknown) => void, reject, options, parts: [], release });
      worker.postMessage({ ...request, id });
    });
  }

  /** Whether the running worker holds this (what `hold` was last given since it started). */
  holds(thing: unknown): boolean {
    return this.worker !== null && this.held === thing;
  }

  /** Notes what the running worker now holds (call as the request that opens it is sent). */
  hold(thing: unknown): void {
    this.held = thing;
  }

  /** Stops the worker now, whatever it is doing: every request waiting on it rejects with `reason`. */
  stop(reason: Error = new CancelledError()): void {
    this.worker?.terminate();
    this.worker = null;
    this.held = null;
    const calls = [...this.calls.values()];
    this.calls.clear();
    for (const call of calls) {
      call.release();
      call.reject(reason);
    }
  }

  private running(): WorkerLike {
    if (this.worker) return this.worker;
    const worker = this.spawn();
    worker.onmessage = (event) => this.received(event.data as EngineReply);
    worker.onerror = (event) => {
      event.preventDefault?.();
      this.stop(new Error(`The engine stopped unexpectedly${event.message ? `: ${event.message}` : ""}. Run again; if it happens again, the workbook may be too large for this computer.`));
    };
    worker.onmessageerror = () => this.stop(new Error("A message from the engine could not be read."));
    this.started++;
    return (this.worker = worker);
  }

  private received(reply: EngineReply): void {
    const call = this.calls.get(reply.id);
    if (!call) return;
    switch (reply.type) {
      case "progress":
        call.options.progress?.(reply.fraction, reply.label);
        return;
      case "part":
        call.parts.push(reply.part);
        call.options.onPart?.(reply.index + 1, reply.count);
        return;
      case "done":
      case "failed":
        this.calls.delete(reply.id);
        call.release();
        if (reply.type === "failed") call.reject(revivedError(reply.error));
        else call.resolve(call.parts.length ? joinRun(reply.value as never, call.parts) : reply.value);
    }
  }
}
