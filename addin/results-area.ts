// Rules both hosts follow when writing results next to the officer's table: the engine's
// (shared with the command-line tool), with the add-in's own error.
import { resultsAreaProblem } from "../engine/output/results-area";
import type { CellValue, OutputPlan } from "../engine/workbook";
import { TargetError } from "./errors";

export { normHeader, splitStyles, resultsAreaOf, runArea } from "../engine/output/results-area";

/** Throws a TargetError naming the first officer cell in the area the run would write or clear. */
export function assertResultsAreaFree(grid: CellValue[][], plan: OutputPlan, ours: Iterable<string>): void {
  const problem = resultsAreaProblem(grid, plan, ours);
  if (problem) throw new TargetError(`${problem} Nothing was written.`);
}
