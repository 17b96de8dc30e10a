// Where a command may write. Files are compared as files (device and inode), not by name, so an
// output that is the input workbook or a rules file through a hard link or a symlink is refused,
// as are two outputs of one run that are the same file, an output that is a folder, and an output
// whose folder cannot be made.
import * as fs from "node:fs";
import * as path from "node:path";
import { FileError } from "./files";
import { fsErrorMessage } from "./fs-errors";

/** A file the command only reads, and what to call it in a refusal. */
export interface ReadFile {
  file: string;
  role: string;
  kept: string;
}

export const inputWorkbook = (file: string): ReadFile => ({ file, role: "the input workbook", kept: "the input is never overwritten" });
export const rulesFile = (file: string): ReadFile => ({ file, role: "the rules file", kept: "a rules file is never overwritten" });

/** A file the command writes, with the option that named it ("--out"). */
export interface WriteFile {
  file: string;
  option: string;
}

function identity(file: string): fs.BigIntStats | undefined {
  try {
    return fs.statSync(file, { bigint: true });
  } catch {
    return undefined;
  }
}

/** The path with every symlink in its existing part resolved; the part that does not exist yet is kept as written. */
export function canonicalPath(file: string): string {
  const rest: string[] = [];
  for (let dir = path.resolve(file); ; ) {
    try {
      return path.join(fs.realpathSync(dir), ...rest);
    } catch {
      const parent = path.dirname(dir);
      if (parent === dir) return path.resolve(file);
      rest.unshift(path.basename(dir));
      dir = parent;
    }
  }
}

/** Whether a and b are one file: the same device and inode. A path that does not exist yet is no existing file, but two such paths are one when they name the same place. */
export function sameFile(a: string, b: string): boolean {
  const [x, y] = [identity(a), identity(b)];
  if (x && y) return x.dev === y.dev && x.ino === y.ino;
  return !x && !y && canonicalPath(a) === canonicalPath(b);
}

/** The nearest part of the path that exists (the file itself, or a folder above it). */
function nearestExisting(file: string): string {
  let p = path.resolve(file);
  while (!identity(p) && path.dirname(p) !== p) p = path.dirname(p);
  return p;
}

/** Throws a one-line FileError when an output would replace a file the command reads, another output, a folder or a device, or cannot be written where it is. */
export function checkOutputs(reads: ReadFile[], writes: WriteFile[]): void {
  for (const [i, w] of writes.entries()) {
    for (const r of reads) {
      if (identity(r.file) && sameFile(w.file, r.file)) {
        const named = path.resolve(w.file) === path.resolve(r.file) ? "" : ` ${r.file}`;
        throw new FileError(`${w.option} ${w.file} is ${r.role}${named}; ${r.kept}: choose another path`);
      }
    }
    for (const v of writes.slice(0, i)) {
      if (sameFile(w.file, v.file)) throw new FileError(`${v.option} ${v.file} and ${w.option} ${w.file} are the same file: choose two different paths`);
    }
    checkWritable(w);
  }
}

function checkWritable({ file, option }: WriteFile): void {
  const stat = identity(file);
  if (stat?.isDirectory()) throw new FileError(`${option} ${file} is a folder, not a file: name a file (inside it, if you like)`);
  if (stat && !stat.isFile()) throw new FileError(`${option} ${file} is not an ordinary file (a device, pipe or socket): give a file path`);
  const existing = nearestExisting(path.dirname(path.resolve(file)));
  if (!identity(existing)?.isDirectory()) throw new FileError(`cannot create the folder for ${option} ${file}: ${existing} is a file, not a folder`);
  try {
    fs.accessSync(existing, fs.constants.W_OK);
  } catch (e) {
    const message = fsErrorMessage(e, `write ${file} (${option})`);
    if (message) throw new FileError(message);
    throw e;
  }
}
