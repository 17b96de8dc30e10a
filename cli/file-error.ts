// A file the command cannot use (missing, a folder, unreadable, or an output that would replace an
// input): reported as one line, exit code 1.
export class FileError extends Error {}
