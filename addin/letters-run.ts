/// <reference types="office-js" />
// Making letters from the pane: the template (the bundled one for the ruleset and kind, served with
// the pane from rules/letters/, or the officer's own .docx), then the engine worker's work on the
// sheet run (letters-service.ts). Inside Excel the sheets are read here, where Office.js lives, and
// the record of letters sent is written back here after; outside Office the worker holds the file
// and writes the record into it (FilePaneHost).
import { LETTER_KIND, type LetterKindId } from "../engine";
import { readWorkbook } from "../hosts/office";
import { recordLetterBatch } from "../hosts/office/letters-record";
import type { EngineWorker, RequestOptions } from "./engine-client";
import { FilePaneHost } from "./file-pane-host";
import { targetOf } from "./office-pane-host";
import { snapshotOf } from "./workbook-snapshot";
import type { LettersAsk, LettersMade } from "./letters-protocol";
import type { PaneHost, Target } from "./pane-host";
import type { RulesetSent } from "./worker-protocol";

/** Thrown (by the worker too, by name) when a template cannot be used: the pane says it is the template's problem. */
export const TEMPLATE_ERROR = "TemplateError";

const templateError = (message: string) => Object.assign(new Error(message), { name: TEMPLATE_ERROR });

/** The bundled template for a ruleset and kind, from letters/<ruleset id>/ beside the pane. */
export async function bundledTemplate(rulesetId: string, kind: LetterKindId, rulesetTitle: string): Promise<LettersAsk["template"]> {
  const name = LETTER_KIND[kind].templateFile;
  const url = new URL(`letters/${encodeURIComponent(rulesetId)}/${name}`, document.baseURI);
  let response: Response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw new Error(`The bundled template could not be loaded from ${url.href} (${(e as Error).message}). Check the connection, or choose your own template (.docx).`);
  }
  if (response.status === 404) throw templateError(`There is no bundled ${LETTER_KIND[kind].title} for ${rulesetTitle} (ruleset '${rulesetId}'): choose your own template (.docx).`);
  if (!response.ok) throw new Error(`The bundled template could not be loaded from ${url.href} (HTTP ${response.status}). Try again, or choose your own template (.docx).`);
  return { bytes: new Uint8Array(await response.arrayBuffer()), name };
}

/** The officer's own template. */
export async function ownTemplate(file: File): Promise<LettersAsk["template"]> {
  if (!/\.docx$/i.test(file.name)) throw templateError(`${file.name} is not a Word document (.docx): save the template from Word as 'Word Document (*.docx)'.`);
  return { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name };
}

/** Makes the letters in the engine worker, from the open file or (inside Excel) the sheets read now. */
export async function makeLetters(
  engine: EngineWorker,
  host: PaneHost,
  target: Target,
  ruleset: RulesetSent,
  historySheets: string[],
  letters: LettersAsk,
  options: RequestOptions & { signal: AbortSignal; committing: () => void },
): Promise<LettersMade> {
  const request = { kind: "makeLetters" as const, ruleset: { text: ruleset.text, source: ruleset.source }, letters, sheet: target.sheet };
  if (host instanceof FilePaneHost) return host.makeLetters(request, options);
  options.progress?.(0, "Reading the workbook…");
  const read = await Excel.run((context) => readWorkbook(context, targetOf(target), historySheets));
  options.signal.throwIfAborted();
  const made = await engine.request({ ...request, workbook: snapshotOf(read.source, target.sheet), store: read.store }, options);
  options.signal.throwIfAborted();
  if (made.record) {
    const { batch, schools } = made.record;
    options.committing();
    options.progress?.(0.98, "Recording the letters in the workbook…");
    await Excel.run((context) => recordLetterBatch(context, batch, schools));
  }
  return made;
}

/** Excel on Mac: its WebView saves no file a task pane offers (docs/addin.md). */
export function cannotSaveHere(): boolean {
  return typeof Office !== "undefined" && String(Office.context?.platform ?? "") === "Mac";
}
