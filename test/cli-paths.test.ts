// The command line never loses a file: outputs are compared with the input, the rules and each
// other as files (device and inode: hard links and symlinks count), written to a temporary file and
// renamed into place, and every failure is one line. Real .xlsx files in a temp folder throughout.
import { spawnSync } from "node:child_process";
import * as crypto from "node:crypto";
// The module object itself (not a namespace copy), so jest.spyOn reaches the calls cli/ makes.
import fs, { type PathLike } from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { registerCommand } from "../cli/main";
import { writeFilesAtomically } from "../cli/atomic-write";
import { FileError } from "../cli/files";
import { fsErrorMessage } from "../cli/fs-errors";
import { canonicalPath, sameFile } from "../cli/output-paths";
import { ROOT, runCli, STAFFS_BOOK, STAFFS_RULES, tempDir } from "./helpers/cli";

const dir = tempDir("cli-paths-");
const input = path.join(dir, "schools.xlsx");
const rules = path.join(dir, "my-rules.json");
const at = (...names: string[]) => path.join(dir, ...names);
const folderLink = at("folder-link"); // a symlink to the temp folder itself
const hash = (f: string) => crypto.createHash("sha256").update(fs.readFileSync(f)).digest("hex");
const stamp = (f: string) => ({ hash: hash(f), mtime: fs.statSync(f).mtimeMs });
const errno = (code: string, syscall: string, file: string) => Object.assign(new Error(`${code}: simulated, ${syscall} '${file}'`), { code, syscall, path: file });
/** Files left in a folder that look like our temporary files. */
const temporaries = (folder: string) => fs.readdirSync(folder).filter((f) => f.endsWith(".tmp"));

let inputBefore: { hash: string; mtime: number };
let rulesBefore: string;

beforeAll(() => {
  fs.copyFileSync(STAFFS_BOOK, input);
  fs.copyFileSync(STAFFS_RULES, rules);
  fs.symlinkSync(dir, folderLink);
  inputBefore = stamp(input);
  rulesBefore = hash(rules);
});
afterEach(() => {
  jest.restoreAllMocks();
  // Whatever a test tried, the input workbook and the rules copy are as they were, and no temporary file is left.
  expect(stamp(input)).toEqual(inputBefore);
  expect(hash(rules)).toBe(rulesBefore);
  expect(temporaries(dir)).toEqual([]);
});
afterAll(() => {
  // Folders a test made read-only must be writable again before they can be removed.
  for (const f of fs.readdirSync(dir)) if (fs.lstatSync(at(f)).isDirectory()) fs.chmodSync(at(f), 0o755);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A one-line refusal with exit code 1. */
function expectRefused(run: { code: number; err: string; out: string }, message: RegExp) {
  expect(run.code).toBe(1);
  expect(run.err).toMatch(message);
  expect(run.err.split("\n")).toHaveLength(1);
  expect(run.out).toBe("");
}

describe("an output is never the input workbook", () => {
  it("refuses a hard link of the input as --out or --report", async () => {
    const link = at("hard-link.xlsx");
    fs.linkSync(input, link);
    expectRefused(await runCli([input, "--out", link]), /^categorise: --out .*hard-link\.xlsx is the input workbook .*schools\.xlsx; the input is never overwritten: choose another path$/);
    expectRefused(await runCli([input, "--out", at("fine.xlsx"), "--report", link]), /--report .*hard-link\.xlsx is the input workbook/);
    expectRefused(await runCli(["clear", input, "--out", link]), /--out .*hard-link\.xlsx is the input workbook/);
    expect(hash(link)).toBe(inputBefore.hash);
    expect(fs.existsSync(at("fine.xlsx"))).toBe(false);
  });

  it("refuses a symlink to the input, and the input reached through a symlinked folder", async () => {
    const link = at("sym-link.xlsx");
    fs.symlinkSync(input, link);
    expectRefused(await runCli([input, "--out", link]), /--out .*sym-link\.xlsx is the input workbook/);
    expectRefused(await runCli([input, "--out", path.join(folderLink, "schools.xlsx")]), /is the input workbook/);
    expectRefused(await runCli(["backtest", rules, input, "--outcome", "Ofsted grade", "--report", link]), /--report .*sym-link\.xlsx is the input workbook/);
    expectRefused(await runCli(["diff", rules, rules, input, "--report", link]), /--report .*sym-link\.xlsx is the input workbook/);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
  });
});

describe("an output is never a rules file", () => {
  it("refuses --report or --out naming the ruleset, by name or by a hard link", async () => {
    expectRefused(await runCli([input, "--rules", rules, "--out", at("a.xlsx"), "--report", rules]), /^categorise: --report .*my-rules\.json is the rules file; a rules file is never overwritten: choose another path$/);
    expectRefused(await runCli([input, "--rules", rules, "--out", rules]), /--out .*my-rules\.json is the rules file/);
    const link = at("rules-link.json");
    fs.linkSync(rules, link);
    expectRefused(await runCli([input, "--rules", rules, "--out", at("a.xlsx"), "--report", link]), /--report .*rules-link\.json is the rules file .*my-rules\.json/);
    expectRefused(await runCli(["clear", input, "--rules", rules, "--out", link]), /is the rules file/);
    expectRefused(await runCli(["diff", STAFFS_RULES, rules, input, "--report", rules]), /--report .*my-rules\.json is the rules file/);
    expectRefused(await runCli(["backtest", rules, input, "--outcome", "Ofsted grade", "--report", link]), /is the rules file/);
    expect(fs.existsSync(at("a.xlsx"))).toBe(false);
  });

  it("refuses the bundled ruleset named by a bare name, and the default ruleset", async () => {
    const bundled = path.join(ROOT, "rules/warwickshire.json");
    const before = hash(bundled);
    expectRefused(await runCli([input, "--rules", "warwickshire", "--out", at("a.xlsx"), "--report", bundled]), /is the rules file/);
    expectRefused(await runCli([input, "--out", at("a.xlsx"), "--report", STAFFS_RULES]), /is the rules file/);
    expect(hash(bundled)).toBe(before);
  });
});

describe("two outputs are never one file", () => {
  it("refuses --out and --report naming the same file, before or after it exists, by any path", async () => {
    expectRefused(await runCli([input, "--out", at("both.xlsx"), "--report", at("both.xlsx")]), /^categorise: --out .*both\.xlsx and --report .*both\.xlsx are the same file: choose two different paths$/);
    expect(fs.existsSync(at("both.xlsx"))).toBe(false);
    expectRefused(await runCli([input, "--out", at("both.xlsx"), "--report", path.join(folderLink, "both.xlsx")]), /are the same file/);
    fs.writeFileSync(at("existing.json"), "{}");
    fs.linkSync(at("existing.json"), at("existing-link.json"));
    expectRefused(await runCli([input, "--out", at("existing.json"), "--report", at("existing-link.json")]), /are the same file/);
    expect(fs.readFileSync(at("existing.json"), "utf8")).toBe("{}");
  });
});

describe("folders, and folders that cannot be made", () => {
  it("refuses --out or --report naming a folder, --rules naming a folder and an input that is a folder", async () => {
    const folder = at("a-folder");
    fs.mkdirSync(folder);
    expectRefused(await runCli([input, "--out", folder]), /^categorise: --out .*a-folder is a folder, not a file/);
    expectRefused(await runCli([input, "--out", at("a.xlsx"), "--report", folder]), /^categorise: --report .*a-folder is a folder, not a file/);
    expectRefused(await runCli([input, "--rules", folder]), /^categorise: .*a-folder: is a folder, not a rules file$/);
    expectRefused(await runCli([folder]), /^categorise: .*a-folder: is a folder, not a workbook$/);
    expectRefused(await runCli(["clear", input, "--out", folder]), /is a folder, not a file/);
    expect(fs.readdirSync(folder)).toEqual([]);
  });

  it("refuses an output whose folder cannot be made: a file is in the way", async () => {
    const file = at("plain-file");
    fs.writeFileSync(file, "not a folder");
    expectRefused(await runCli([input, "--out", path.join(file, "out.xlsx")]), /^categorise: cannot create the folder for --out .*plain-file\/out\.xlsx: .*plain-file is a file, not a folder$/);
    expectRefused(await runCli([input, "--out", at("b.xlsx"), "--report", path.join(file, "deeper", "r.json")]), /cannot create the folder for --report/);
    expect(fs.existsSync(at("b.xlsx"))).toBe(false);
  });

  it("makes a missing output folder", async () => {
    const out = at("new", "folder", "out.xlsx");
    expect((await runCli([input, "--out", out, "--report", at("new", "r.json"), "--quiet"])).code).toBe(0);
    expect(fs.existsSync(out) && fs.existsSync(at("new", "r.json"))).toBe(true);
    expect(temporaries(at("new", "folder"))).toEqual([]);
  });

  // Tests run as root here, and root writes to a chmod 555 folder regardless; a read-only mount
  // cannot be made without privileges the tests should not need. So the real refusal runs only as
  // an ordinary user, and as root the errno mapping is tested on its own and through the CLI with
  // the file system's answer simulated.
  const asRoot = process.getuid?.() === 0;
  (asRoot ? it.skip : it)("refuses a read-only output folder (not as root)", async () => {
    const folder = at("read-only");
    fs.mkdirSync(folder, 0o555);
    expectRefused(await runCli([input, "--out", path.join(folder, "out.xlsx")]), /^categorise: cannot write .*out\.xlsx \(--out\): permission denied/);
  });

  it("a read-only folder or file system found while writing: one line, nothing replaced", async () => {
    const out = at("kept.xlsx");
    fs.writeFileSync(out, "an earlier output");
    for (const [code, reason] of [
      ["EROFS", "the file system is read-only"],
      ["EACCES", "permission denied"],
      ["EPERM", "not permitted"],
    ]) {
      const open = fs.openSync;
      jest.spyOn(fs, "openSync").mockImplementation(((file: PathLike, ...rest: any[]) => {
        if (String(file).endsWith(".tmp")) throw errno(code, "open", String(file));
        return (open as any)(file, ...rest);
      }) as typeof fs.openSync);
      const run = await runCli([input, "--out", out]);
      expectRefused(run, new RegExp(`^categorise: cannot write .*kept\\.xlsx: ${reason}`));
      jest.restoreAllMocks();
    }
    expect(fs.readFileSync(out, "utf8")).toBe("an earlier output");
  });
});

describe("outputs are written whole, then renamed into place", () => {
  it("the destination appears only complete: the temporary file beside it is a whole workbook when it is renamed", async () => {
    const out = at("whole.xlsx");
    fs.writeFileSync(out, "an earlier output");
    const rename = fs.renameSync;
    const renamed: { from: string; to: string; before: string; complete: boolean }[] = [];
    jest.spyOn(fs, "renameSync").mockImplementation((from, to) => {
      const bytes = fs.readFileSync(from);
      renamed.push({ from: String(from), to: String(to), before: fs.readFileSync(to, "utf8"), complete: bytes.subarray(0, 2).toString() === "PK" && bytes.includes(Buffer.from("xl/workbook.xml")) });
      rename(from, to);
    });
    expect((await runCli([input, "--out", out, "--quiet"])).code).toBe(0);
    expect(renamed).toEqual([{ from: expect.stringMatching(/\.whole\.xlsx\.\d+-[0-9a-f]+\.tmp$/), to: out, before: "an earlier output", complete: true }]);
    expect(path.dirname(renamed[0].from)).toBe(dir);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet("Schools")!.getRow(1).values).toContain("Category");
  });

  it("a disk that fills up while writing: one line, the earlier output untouched, no temporary file left", async () => {
    const out = at("full-disk.xlsx");
    const report = at("full-disk.json");
    fs.writeFileSync(out, "an earlier output");
    fs.writeFileSync(report, "an earlier report");
    const write = fs.writeFileSync;
    jest.spyOn(fs, "writeFileSync").mockImplementation((file, data, ...rest: any[]) => {
      if (typeof file !== "number") return (write as any)(file, data, ...rest);
      fs.writeSync(file, Buffer.from(data as Uint8Array).subarray(0, 1000)); // half a file, then the disk is full
      throw errno("ENOSPC", "write", "");
    });
    expectRefused(await runCli([input, "--out", out, "--report", report]), /^categorise: cannot write .*full-disk\.xlsx: the disk is full$/);
    expect(fs.readFileSync(out, "utf8")).toBe("an earlier output");
    expect(fs.readFileSync(report, "utf8")).toBe("an earlier report");
  });

  it("the report failing after the workbook was written in full replaces neither", async () => {
    const out = at("pair.xlsx");
    const report = at("pair.json");
    fs.writeFileSync(out, "an earlier output");
    const open = fs.openSync;
    jest.spyOn(fs, "openSync").mockImplementation(((file: PathLike, ...rest: any[]) => {
      if (/\.pair\.json\..*\.tmp$/.test(String(file))) throw errno("EIO", "open", String(file));
      return (open as any)(file, ...rest);
    }) as typeof fs.openSync);
    const run = await runCli([input, "--out", out, "--report", report]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/^categorise: EIO: simulated, open '.*' \(run with --debug for details\)$/);
    expect(fs.readFileSync(out, "utf8")).toBe("an earlier output");
    expect(fs.existsSync(report)).toBe(false);
  });

  it("writeFilesAtomically: a rename onto a folder fails for real; the folder and the other file are untouched and no temporary file is left", () => {
    const folder = at("in-the-way");
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, "keep.txt"), "kept");
    expect(() => writeFilesAtomically([{ file: folder, data: "new" }])).toThrow(new FileError(`cannot write ${folder}: it is a folder`));
    expect(fs.readdirSync(folder)).toEqual(["keep.txt"]);
    expect(temporaries(dir)).toEqual([]);
  });

  it("writeFilesAtomically: writes through a symlink to its target, and keeps an existing file's permissions", () => {
    const target = at("target.json");
    fs.writeFileSync(target, "old");
    fs.chmodSync(target, 0o640);
    fs.symlinkSync(target, at("link.json"));
    writeFilesAtomically([{ file: at("link.json"), data: "new" }]);
    expect(fs.lstatSync(at("link.json")).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(target, "utf8")).toBe("new");
    expect(fs.statSync(target).mode & 0o777).toBe(0o640);
  });
});

describe("unexpected errors: one line, the stack only with --debug", () => {
  beforeAll(() =>
    registerCommand("explode", async () => {
      throw new Error("something nobody expected\nwith a second line");
    }),
  );

  it("prints exactly one line and exits 1 without --debug", async () => {
    const run = await runCli(["explode"]);
    expect(run).toEqual({ code: 1, out: "", err: "categorise: something nobody expected with a second line (run with --debug for details)" });
  });

  it("adds the stack trace with --debug, wherever --debug is given", async () => {
    for (const args of [["explode", "--debug"], ["--debug", "explode"]]) {
      const run = await runCli(args);
      expect(run.code).toBe(1);
      const [first, ...rest] = run.err.split("\n");
      expect(first).toBe("categorise: something nobody expected with a second line (run with --debug for details)");
      expect(rest.join("\n")).toMatch(/^Error: something nobody expected\nwith a second line\n\s+at /);
    }
  });

  it("every command accepts --debug", async () => {
    expect((await runCli(["check", rules, "--debug"])).code).toBe(0);
    expect((await runCli(["test", rules, "--debug"])).code).toBe(0);
    expect((await runCli([input, "--out", at("debug.xlsx"), "--quiet", "--debug"])).code).toBe(0);
    expect((await runCli(["clear", at("debug.xlsx"), "--out", at("debug-cleared.xlsx"), "--debug"])).code).toBe(0);
    expect((await runCli(["diff", rules, rules, input, "--debug"])).code).toBe(0);
  });

  it("bin/categorise.js prints one line and no stack for a refusal", () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, "bin/categorise.js"), input, "--out", input], { encoding: "utf8", cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^categorise: --out .* is the input workbook; the input is never overwritten/)]);
  });
});

describe("the parts", () => {
  it("fsErrorMessage: one line for what the user can act on, nothing for the rest", () => {
    const e = (code: string) => errno(code, "open", "/x");
    expect(fsErrorMessage(e("EACCES"), "write out.xlsx")).toBe("cannot write out.xlsx: permission denied (the folder or file is read-only for you)");
    expect(fsErrorMessage(e("EPERM"), "write out.xlsx")).toMatch(/^cannot write out\.xlsx: not permitted \(a read-only folder/);
    expect(fsErrorMessage(e("EROFS"), "write out.xlsx")).toBe("cannot write out.xlsx: the file system is read-only");
    expect(fsErrorMessage(e("ENOSPC"), "write out.xlsx")).toBe("cannot write out.xlsx: the disk is full");
    expect(fsErrorMessage(e("ENOTDIR"), "create the folder a/b")).toBe("cannot create the folder a/b: a part of the path is a file, not a folder");
    expect(fsErrorMessage(e("EIO"), "write out.xlsx")).toBeUndefined();
    expect(fsErrorMessage(new Error("no code"), "write out.xlsx")).toBeUndefined();
    expect(fsErrorMessage(null, "write out.xlsx")).toBeUndefined();
  });

  it("sameFile compares device and inode; paths not there yet compare by place, symlinked folders resolved", () => {
    fs.writeFileSync(at("one.txt"), "1");
    fs.writeFileSync(at("copy.txt"), "1");
    fs.linkSync(at("one.txt"), at("one-hard.txt"));
    expect(sameFile(at("one.txt"), at("one-hard.txt"))).toBe(true);
    expect(sameFile(at("one.txt"), path.join(folderLink, "one.txt"))).toBe(true);
    expect(sameFile(at("one.txt"), at("copy.txt"))).toBe(false);
    expect(sameFile(at("one.txt"), at("not-yet.txt"))).toBe(false);
    expect(sameFile(at("not-yet.txt"), path.join(folderLink, ".", "not-yet.txt"))).toBe(true);
    expect(sameFile(at("not-yet.txt"), at("not-yet-either.txt"))).toBe(false);
    expect(canonicalPath(path.join(folderLink, "missing", "x.json"))).toBe(path.join(fs.realpathSync(dir), "missing", "x.json"));
  });
});
