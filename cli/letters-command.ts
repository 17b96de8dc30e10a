// categorise letters <workbook.xlsx | schools.csv> [--kind KIND] [--template FILE.docx] [--out FOLDER]
// [--combined] [--band IDS] [--stage IDS] [--changed] [--unsent] [--record PATH.xlsx] ...
// Categorises the workbook (it is only read), chooses the schools, and fills the Word template for
// each: the engine says what goes in each letter (engine/letters), hosts/docx fills the template;
// this file reads and writes the files.
import * as fs from "node:fs";
import * as path from "node:path";
import {
  categorise, checkPlaceholders, fieldsNeeded, isLetterKind, LETTER_KIND, LETTER_KINDS, letterFields, letterFileName, lettersSent, missingFields,
  previousResults, recordLetters, schoolLetters, selectSchools, todayIso, type LetterKindId, type Ruleset, type SchoolLetter,
} from "../engine";
import { DocxError, fillCombined, fillLetter, readLetterTemplate, type FillData, type LetterTemplate } from "../hosts/docx";
import { storeOnFile } from "../hosts/file/run-and-clear";
import { parseArgs, str, UsageError } from "./args";
import { writeFilesAtomically, type OutputFile } from "./atomic-write";
import type { CommandContext } from "./command";
import { commandSpec } from "./command-specs";
import { checkInputWorkbook, fileStamp, isCsv, readWorkbook } from "./files";
import { FileError } from "./file-error";
import { fsErrorMessage } from "./fs-errors";
import { nearest } from "./nearest";
import { checkOutputs, inputWorkbook, rulesFile, type ReadFile } from "./output-paths";
import { PACKAGE_ROOT } from "./package-root";
import { NO_PROGRESS } from "./progress";
import { DEFAULT_RULES, readRuleset } from "./rules-file";
import { fieldsText, lettersReport } from "./letters-report";

const SPEC = commandSpec("letters")!;
export const LETTERS_DIR = path.join(PACKAGE_ROOT, "rules", "letters");

export async function lettersCommand(argv: string[], out: (s: string) => void, { progress }: CommandContext = { progress: NO_PROGRESS }): Promise<number> {
  const { positional, options } = parseArgs(argv, SPEC);
  const rules = readRuleset(str(options.rules) ?? DEFAULT_RULES);
  if (options.fields) {
    out(fieldsText(rules.ruleset));
    return 0;
  }
  if (positional.length !== 1) throw new UsageError("letters: give exactly one workbook (.xlsx) or .csv file", "letters");
  const input = positional[0];
  const kind = kindOption(str(options.kind));
  const date = dateOption(str(options.date), "--date") ?? todayIso();
  const replyDays = daysOption(str(options["reply-days"]));
  const templateFile = str(options.template) ?? bundledTemplate(rules.ruleset, kind);
  const template = readTemplate(templateFile);
  checkPlaceholders(template.tags, letterFields(rules.ruleset), path.basename(templateFile));
  const needed = fieldsNeeded(template.tags, letterFields(rules.ruleset));
  const combined = Boolean(options.combined);
  const outPath = str(options.out) ?? defaultOut(input, kind, combined);
  if (!combined && /\.docx$/i.test(outPath)) throw new UsageError(`--out ${outPath}: one letter per school goes into a folder; give a folder, or add --combined for one document`, "letters");
  const record = str(options.record);
  if (record && isCsv(input)) throw new UsageError(`--record: ${input} is a .csv, which cannot keep a record; run 'categorise' on it first and make the letters from the workbook it writes`, "letters");
  if (record && !/\.xlsx$/i.test(record)) throw new UsageError(`--record ${record}: the record goes in a copy of the workbook; give a name ending .xlsx`, "letters");
  checkInputWorkbook(input);
  const reads: ReadFile[] = [inputWorkbook(input), rulesFile(rules.file), { file: templateFile, role: "the template", kept: "a template is never overwritten" }];
  checkOutputs(reads, record ? [{ file: record, option: "--record" }] : []);

  const before = fileStamp(input);
  progress.step(`Reading ${path.basename(input)}`);
  const book = await readWorkbook(input, { sheet: str(options.sheet) });
  progress.step("Categorising");
  const result = await categorise(book.source, rules.ruleset, {
    sheet: book.csv?.sheet ?? str(options.sheet),
    asOf: str(options["as-of"]),
    store: book.store,
    onProgress: (done, total) => progress.count(done, total),
  });
  const sheet = book.source.readSheet(result.sheet)!;
  let changedSince;
  if (options.changed) {
    changedSince = previousResults(sheet, book.store, rules.ruleset) ?? undefined;
    if (!changedSince) throw new UsageError(`--changed: ${input} has no run recorded on sheet '${result.sheet}' to compare with; give the workbook a 'categorise' run wrote (its -categorised.xlsx)`, "letters");
  }
  const sent = lettersSent(book.store, kind, result.sheet);
  const selection = selectSchools(result.rows, rules.ruleset, {
    kind,
    bands: listOption(str(options.band)),
    stages: listOption(str(options.stage)),
    changedSince,
    alreadySent: options.unsent ? new Set(sent.keys()) : undefined,
  });
  const letters = schoolLetters(result, rules.ruleset, sheet, selection.chosen, { kind, date, referencePrefix: str(options.reference), replyDays });
  const gaps = letters.map((letter) => ({ letter, missing: missingFields(letter, needed) }));
  const ready = gaps.filter((g) => !g.missing.length).map((g) => g.letter);

  progress.step("Writing the letters");
  const files = letterFiles(template, ready, combined, outPath, kind);
  checkOutputs(reads, files.map((f) => ({ file: f.file, option: "--out" })));
  if (record && ready.length) {
    const store = recordLetters(book.store, { date, kind, template: path.basename(templateFile), sheet: result.sheet }, ready);
    files.push({ file: record, data: storeOnFile(book, store) });
  }
  if (files.length) writeFilesAtomically(files);
  progress.done();
  if (fileStamp(input) !== before) throw new Error(`${input} changed during the run`);

  out(lettersReport({ kind, date, template: templateFile, outPath, combined, record, selection, written: ready, gaps: gaps.filter((g) => g.missing.length), sent, rows: result.rows }));
  return gaps.some((g) => g.missing.length) ? 1 : 0;
}

/** The letters as files: one per school (file names made unique), or one document. */
function letterFiles(template: LetterTemplate, letters: SchoolLetter[], combined: boolean, outPath: string, kind: LetterKindId): OutputFile[] {
  if (!letters.length) return [];
  try {
    if (combined) {
      const file = /\.docx$/i.test(outPath) ? outPath : path.join(outPath, `${kind}-letters.docx`);
      return [{ file, data: fillCombined(template, letters.map((l) => l.values as FillData)) }];
    }
    const used = new Set<string>();
    return letters.map((l) => {
      let name = letterFileName(l);
      for (let n = 2; used.has(name.toLowerCase()); n++) name = letterFileName(l).replace(/\.docx$/, ` (${n}).docx`);
      used.add(name.toLowerCase());
      return { file: path.join(outPath, name), data: fillLetter(template, l.values as FillData) };
    });
  } catch (e) {
    if (e instanceof DocxError) throw new FileError(e.message);
    throw e;
  }
}

function readTemplate(file: string): LetterTemplate {
  if (!fs.existsSync(file)) throw new FileError(`${file}: no such template`);
  if (fs.statSync(file).isDirectory()) throw new FileError(`${file}: is a folder, not a Word template`);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(fs.readFileSync(file));
  } catch (e) {
    throw new FileError(fsErrorMessage(e, `read ${file}`) ?? `${file}: cannot be read (${(e as Error).message})`);
  }
  try {
    return readLetterTemplate(bytes, file);
  } catch (e) {
    if (e instanceof DocxError) throw new FileError(e.message);
    throw e;
  }
}

/** rules/letters/<ruleset id>/<kind's file>, or why there is none. */
function bundledTemplate(ruleset: Ruleset, kind: LetterKindId): string {
  const file = path.join(LETTERS_DIR, ruleset.id, LETTER_KIND[kind].templateFile);
  if (fs.existsSync(file)) return file;
  const bundled = fs.existsSync(LETTERS_DIR) ? fs.readdirSync(LETTERS_DIR) : [];
  throw new UsageError(`no bundled ${LETTER_KIND[kind].title} template for the ruleset '${ruleset.id}' (there are for ${bundled.join(", ") || "none"}): give your own with --template FILE.docx`, "letters");
}

function defaultOut(input: string, kind: LetterKindId, combined: boolean): string {
  const base = path.join(path.dirname(input), `${path.basename(input, path.extname(input))}-${kind === "categorisation" ? "letters" : kind}`);
  return combined ? `${base}.docx` : base;
}

function kindOption(v: string | undefined): LetterKindId {
  if (v === undefined) return "categorisation";
  if (isLetterKind(v)) return v;
  const guess = nearest(v, LETTER_KINDS);
  throw new UsageError(`--kind ${v}: the kinds are ${LETTER_KINDS.join(", ")}${guess ? `; did you mean '${guess}'?` : ""}`, "letters");
}

function dateOption(v: string | undefined, option: string): string | undefined {
  if (v === undefined) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  const d = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
  if (!d || d.toISOString().slice(0, 10) !== v) throw new UsageError(`${option} ${v}: write the date YYYY-MM-DD, a day that exists (such as 2025-09-01)`, "letters");
  return v;
}

function daysOption(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d{1,3}$/.test(v)) throw new UsageError(`--reply-days ${v}: give a whole number of days, 0 to 999`, "letters");
  return Number(v);
}

const listOption = (v: string | undefined) => (v === undefined ? undefined : v.split(",").map((s) => s.trim()).filter(Boolean));
