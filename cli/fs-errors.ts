// File-system errors the user can act on, as one line: a read-only folder, a full disk, a path
// through a file. Anything else is left to cli/main.ts to report as unexpected.

const REASONS: Record<string, string> = {
  EACCES: "permission denied (the folder or file is read-only for you)",
  EPERM: "not permitted (a read-only folder, or the file is open in another program)",
  EROFS: "the file system is read-only",
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is used up",
  ENOTDIR: "a part of the path is a file, not a folder",
  EISDIR: "it is a folder",
  ENOENT: "its folder does not exist",
  EEXIST: "a file of that name is in the way",
  ENAMETOOLONG: "the name is too long",
  EBUSY: "the file is in use (is it open in Excel?)",
};

/** "cannot <what>: <reason>" for an error with a known errno code, else undefined. */
export function fsErrorMessage(e: unknown, what: string): string | undefined {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  const reason = code ? REASONS[code] : undefined;
  return reason ? `cannot ${what}: ${reason}` : undefined;
}
