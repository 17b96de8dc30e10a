// Writing the outputs of a run so that no file is ever left half-written: each is written in full
// to a temporary file in its own folder and flushed to disk, and only then renamed over the
// destination (a rename within a folder is atomic). A crash, a full disk or a read-only folder
// never leaves a partial file or replaces a good one with a broken one; temporary files are removed.
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { FileError } from "./files";
import { fsErrorMessage } from "./fs-errors";
import { canonicalPath } from "./output-paths";

export interface OutputFile {
  file: string;
  data: string | Uint8Array;
}

/** The temporary name beside a destination: hidden, and unique to this process and call. */
export function temporaryName(destination: string): string {
  return path.join(path.dirname(destination), `.${path.basename(destination)}.${process.pid}-${crypto.randomBytes(4).toString("hex")}.tmp`);
}

/** Runs a file-system step; an error the user can act on becomes a one-line FileError. */
function attempt<T>(what: string, step: () => T): T {
  try {
    return step();
  } catch (e) {
    const message = fsErrorMessage(e, what);
    throw message ? new FileError(message) : e;
  }
}

/** Writes and flushes a new file; `mode` (an existing destination's permissions) is kept exactly. */
function writeFlushed(temp: string, data: string | Uint8Array, mode: number | undefined): void {
  const fd = fs.openSync(temp, "wx");
  try {
    if (mode !== undefined) fs.fchmodSync(fd, mode);
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function syncFolder(folder: string): void {
  try {
    const fd = fs.openSync(folder, "r");
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Not every platform can open a folder (Windows); the rename has happened either way.
  }
}

/**
 * Writes every file completely to a temporary file first, then renames each into place. A symlinked
 * destination is written through (the link's target is replaced), and an existing file keeps its
 * permissions. On failure no temporary file is left, and every destination not yet renamed over is as it
 * was (a failure while writing, the likely one, comes before any rename).
 */
export function writeFilesAtomically(files: OutputFile[]): void {
  const temps = new Set<string>();
  try {
    const staged = files.map(({ file, data }) => {
      const destination = canonicalPath(file);
      const folder = path.dirname(destination);
      attempt(`create the folder ${path.dirname(file)}`, () => fs.mkdirSync(folder, { recursive: true }));
      const existing = fs.statSync(destination, { throwIfNoEntry: false });
      const temp = temporaryName(destination);
      temps.add(temp);
      attempt(`write ${file}`, () => writeFlushed(temp, data, existing && existing.mode & 0o7777));
      return { file, temp, destination };
    });
    for (const { file, temp, destination } of staged) {
      attempt(`write ${file}`, () => fs.renameSync(temp, destination));
      temps.delete(temp);
      syncFolder(path.dirname(destination));
    }
  } finally {
    for (const temp of temps) removeQuietly(temp);
  }
}

function removeQuietly(temp: string): void {
  try {
    fs.rmSync(temp, { force: true });
  } catch {
    // The error that stopped the write is the one to report.
  }
}
