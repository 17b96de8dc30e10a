// Progress on stderr for long runs: nothing for the first ~2 seconds (most runs are over by then),
// and nothing at all unless stderr is a terminal, so logs and pipes stay clean. One line, redrawn
// in place ("\r"), at most ten times a second, and erased before anything else is printed.

export interface ProgressOptions {
  /** Writes raw text (no newline added) to the terminal. */
  write: (text: string) => void;
  /** Whether the stream is a terminal; progress is shown only then. */
  isTTY: boolean;
  /** How long a run goes before progress shows (ms); default 2000. */
  delayMs?: number;
  /** The terminal's width, to keep the line on one row. */
  columns?: number;
  /** The clock (ms); tests give their own. */
  now?: () => number;
}

const REDRAW_MS = 100;

export class Progress {
  private readonly started: number;
  private readonly now: () => number;
  private phase = "";
  private shown = false;
  private lastDrawn = -Infinity;

  constructor(readonly options: ProgressOptions) {
    this.now = options.now ?? Date.now;
    this.started = this.now();
  }

  /** The progress for a real run: stderr, if it is a terminal; CATEGORISE_PROGRESS_DELAY_MS sets the wait. */
  static forStderr(): Progress {
    const delay = Number(process.env.CATEGORISE_PROGRESS_DELAY_MS);
    return new Progress({
      write: (text) => void process.stderr.write(text),
      isTTY: !!process.stderr.isTTY,
      columns: process.stderr.columns,
      delayMs: Number.isFinite(delay) && delay >= 0 ? delay : undefined,
    });
  }

  /** A new step ("Reading schools.xlsx"): drawn at once if progress is showing by now. */
  step(phase: string): void {
    this.phase = phase;
    this.draw(phase, true);
  }

  /** Schools done of the total in the current step. */
  count(done: number, total: number): void {
    const pct = total ? Math.floor((100 * done) / total) : 100;
    this.draw(`${this.phase}: ${done.toLocaleString("en-GB")} of ${total.toLocaleString("en-GB")} schools (${pct}%)`, done === total);
  }

  /** Erases the line, if one was drawn; call before printing anything else. */
  done(): void {
    if (this.shown) this.options.write("\r\x1b[K");
    this.shown = false;
  }

  private draw(text: string, force: boolean): void {
    if (!this.options.isTTY) return;
    const t = this.now();
    const elapsed = t - this.started;
    if (elapsed < (this.options.delayMs ?? 2000)) return;
    if (!force && t - this.lastDrawn < REDRAW_MS) return;
    this.lastDrawn = t;
    const line = `categorise: ${text}, ${Math.floor(elapsed / 1000)} s`;
    const width = (this.options.columns || 80) - 1;
    this.options.write(`\r${line.length > width ? `${line.slice(0, width - 1)}…` : line}\x1b[K`);
    this.shown = true;
  }
}

/** Progress that never shows (tests, and commands run from code). */
export const NO_PROGRESS = new Progress({ write: () => undefined, isTTY: false });
