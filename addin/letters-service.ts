// The engine worker's side of the pane's Letters: the same steps as `categorise letters`, on the
// workbook the pane ran on. The template is checked first (an unknown placeholder is named with the
// nearest field); the sheet is categorised again as of the run's date; the schools are chosen, each
// letter filled, and the letters zipped (or put in one document). Loaded on demand, so hosts/docx
// and fflate's zip are in no file until the officer first makes letters.
import { zipSync, type Zippable } from "fflate";
import {
  categorise, checkPlaceholders, fieldsNeeded, InputError, letterFields, letterFileName, lettersSent, missingFields, recordedRuns, recordLetters, recordRun,
  runMovement, schoolLetters, selectSchools, type PreviousResult, type RunResult, type Ruleset, type SchoolLetter, type StoreContents, type WorkbookSource,
} from "../engine";
import { DocxError, fillCombined, fillLetter, readLetterTemplate, type FillData, type LetterTemplate } from "../hosts/docx";
import type { BrowserHost } from "./browser-host";
import type { LetterSchool, LettersAsk, LettersMade } from "./letters-protocol";
import type { Progress } from "./pane-host";
import { sourceOf, type WorkbookSnapshot } from "./workbook-snapshot";

const ZIP_TYPE = "application/zip";
const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** A template that cannot be used: the pane words it as the template's problem, not the workbook's. */
export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TemplateError";
  }
}

/** The request as the worker takes it: the sheets read in Excel, or (outside Office) the open file. */
export interface LettersRequest {
  letters: LettersAsk;
  sheet: string;
  workbook?: WorkbookSnapshot;
  store?: StoreContents;
}

/** Makes the letters from the sheets sent, or from the open file, whose record it then updates. */
export async function lettersFor(m: LettersRequest, ruleset: Ruleset, file: () => BrowserHost, progress: Progress): Promise<LettersMade> {
  if (m.workbook && m.store) return (await makeLetters(m.letters, ruleset, { source: sourceOf(m.workbook), store: m.store, sheet: m.sheet }, progress)).made;
  const host = file();
  const book = await host.openBook();
  const { made, store } = await makeLetters(m.letters, ruleset, { source: book.source, store: book.store, sheet: m.sheet }, progress);
  if (store) made.workbook = await host.writeStore(store);
  return made;
}

interface LettersInput {
  source: WorkbookSource;
  store: StoreContents;
  sheet: string;
}

export async function makeLetters(ask: LettersAsk, ruleset: Ruleset, input: LettersInput, progress: Progress): Promise<{ made: LettersMade; store: StoreContents | null }> {
  progress(0.02, "Reading the template…");
  const template = checkedTemplate(ask.template, ruleset);
  const needed = fieldsNeeded(template.tags, letterFields(ruleset));

  const result = await categorise(input.source, ruleset, {
    sheet: input.sheet,
    asOf: ask.asOf,
    store: input.store,
    onProgress: (done, total) => progress(0.05 + 0.35 * (total ? done / total : 1), "Categorising again…"),
  });
  const compared = ask.changed ? changedSince(result, ruleset, input.store) : null;
  const sent = lettersSent(input.store, ask.kind, result.sheet);
  const selection = selectSchools(result.rows, ruleset, {
    kind: ask.kind,
    bands: ask.bands.length ? ask.bands : undefined,
    stages: ask.stages.length ? ask.stages : undefined,
    changedSince: compared?.rows,
    alreadySent: ask.unsent ? new Set(sent.keys()) : undefined,
  });
  const sheet = input.source.readSheet(result.sheet)!;
  const letters = schoolLetters(result, ruleset, sheet, selection.chosen, { kind: ask.kind, date: ask.date });
  const gaps: LetterSchool[] = [];
  const ready: SchoolLetter[] = [];
  for (const letter of letters) {
    const missing = missingFields(letter, needed);
    if (missing.length) gaps.push({ school: `${schoolOf(letter.key, letter.name)} (row ${letter.row})`, why: missing.map((g) => `{${g.field}}: ${g.why}`).join("; ") });
    else ready.push(letter);
  }

  const file = ready.length ? lettersFile(template, ready, ask, (done) => progress(0.4 + 0.55 * (done / ready.length), `Writing letter ${done.toLocaleString("en-GB")} of ${ready.length.toLocaleString("en-GB")}…`)) : null;
  progress(0.97, "Keeping the record…");
  const batch = { date: ask.date, kind: ask.kind, template: ask.template.name, sheet: result.sheet };
  const store = ask.record && ready.length ? recordLetters(input.store, batch, ready) : null;
  const before = ready.filter((l) => sent.has(l.key));
  const written = new Set(ready.map((l) => l.row));
  const neverSent = sent.size ? result.rows.filter((r) => !r.notCategorised && !sent.has(String(r.key ?? "")) && !written.has(r.row)).length : 0;
  return {
    store,
    made: {
      file,
      chosen: selection.description,
      written: ready.map((l) => schoolOf(l.key, l.name)),
      leftOut: selection.leftOut.map((l) => ({ school: schoolOf(l.row.key, l.row.name), why: l.why })),
      gaps,
      before: { count: before.length, latest: before.map((l) => sent.get(l.key)!.date).sort().pop() ?? null },
      neverSent,
      comparedWith: compared?.asOf ?? null,
      record: store ? { batch, schools: ready.map((l) => [l.key, l.band, l.stage]) } : null,
    },
  };
}

/** The letters as one file: a .zip of a .docx per school (names made unique), or one document. */
function lettersFile(t: LetterTemplate, list: SchoolLetter[], a: LettersAsk, done: (n: number) => void): LettersMade["file"] {
  const base = `${a.workbookName.replace(/\.[^.]+$/, "")}-${a.kind === "categorisation" ? "letters" : a.kind}`;
  try {
    if (a.combined) {
      const bytes = fillCombined(t, list.map((l) => l.values as FillData));
      done(list.length);
      return { bytes, name: `${base}.docx`, type: DOCX_TYPE };
    }
    const files: Zippable = {};
    const used = new Set<string>();
    list.forEach((l, i) => {
      let name = letterFileName(l);
      for (let n = 2; used.has(name.toLowerCase()); n++) name = letterFileName(l).replace(/\.docx$/, ` (${n}).docx`);
      used.add(name.toLowerCase());
      // A .docx is already compressed: stored as it is.
      files[name] = [fillLetter(t, l.values as FillData), { level: 0 }];
      if (i % 10 === 9) done(i + 1);
    });
    return { bytes: zipSync(files), name: `${base}.zip`, type: ZIP_TYPE };
  } catch (e) {
    if (e instanceof DocxError) throw new TemplateError(e.message);
    throw e;
  }
}

/** The template read and its placeholders checked against the letter's fields. */
function checkedTemplate(given: LettersAsk["template"], ruleset: Ruleset): LetterTemplate {
  try {
    const template = readLetterTemplate(given.bytes, given.name);
    checkPlaceholders(template.tags, letterFields(ruleset), given.name);
    return template;
  } catch (e) {
    if (e instanceof DocxError || e instanceof InputError) throw new TemplateError(e.message.replace(/\nRun 'categorise letters --fields'.*$/s, ""));
    throw e;
  }
}

/**
 * The schools whose category or stage differ from the run before the pane's (the workbook keeps
 * its last two runs; the latest is the pane's own). A school that run did not have counts as changed.
 */
function changedSince(result: RunResult, ruleset: Ruleset, store: StoreContents): { rows: Map<number, PreviousResult>; asOf: string } {
  const earlier = recordedRuns(store, result.sheet).at(-2);
  if (!earlier) {
    throw new InputError(
      `No run before this one is recorded on '${result.sheet}', so there is nothing to compare with: the workbook keeps its last two runs, and this is the first ` +
        "(or the earlier one was made before runs were kept). Untick 'Only schools whose category or stage changed'.",
    );
  }
  const moved = runMovement(earlier, recordRun(result, ruleset), result.rows);
  const changed = new Set(moved.changes.filter((c) => c.row !== null && (!c.from || !c.to || c.from.band !== c.to.band || c.from.stage !== c.to.stage)).map((c) => c.row));
  const rows = new Map<number, PreviousResult>();
  for (const r of result.rows) if (!changed.has(r.row)) rows.set(r.row, { band: r.band, stage: r.escalation?.stage ?? null });
  return { rows, asOf: earlier.asOf };
}

const schoolOf = (key: unknown, name: string | null) => `${key ?? "?"} ${name ?? ""}`.trim();
