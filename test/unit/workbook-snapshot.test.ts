// The sheets read on the page, copied for the worker: the same sheets and names come out.
import { memorySource } from "../../engine";
import { snapshotOf, sourceOf } from "../../addin/workbook-snapshot";

describe("a workbook snapshot", () => {
  it("holds every sheet the source has read, and the names it lists", () => {
    const source = memorySource({ Schools: { headers: ["URN"], rows: [[1], [2]] }, Notices: { headers: ["URN", "Date"], rows: [[1, new Date(Date.UTC(2025, 0, 2))]] } });
    const copy = sourceOf(structuredClone(snapshotOf(source, "Schools")));
    expect(copy.sheetNames()).toEqual(["Schools", "Notices"]);
    expect(copy.readSheet("Schools")).toEqual(source.readSheet("Schools"));
    expect(copy.readSheet("Notices")).toEqual(source.readSheet("Notices"));
    expect(copy.readSheet("Other")).toBeUndefined();
  });

  it("keeps the target even when the source does not list it (Excel lists only visible sheets)", () => {
    const all = memorySource({ Hidden: { headers: ["URN"], rows: [[1]] } });
    const source = { sheetNames: () => [], readSheet: all.readSheet };
    expect(sourceOf(snapshotOf(source, "Hidden")).readSheet("Hidden")?.rows).toEqual([[1]]);
  });
});
