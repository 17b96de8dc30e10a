// An in-memory Excel for testing the Office adapter. API objects are office-addin-mock
// OfficeMockObjects (so a property read before load + sync returns the mock's error text), each
// wrapped in a Proxy that queues every property write and method call in order; context.sync()
// runs the queue against the grid, like Office does with a batch. Every sync is counted and its
// request/response size estimated (UTF-8 bytes of their JSON), and Excel on the web's 5 MB limit
// is enforced. Charts are plain objects (no reads but the collection's names) recording what was
// set on them. A range's dataValidation keeps rule, prompt and error alert on each cell, and
// reports its type on load; its format.fill loads as Excel answers (null where the cells differ).
// Worksheets raise onChanged events, after the batch and asynchronously as Excel does: for the
// officer's edits (officerEdit, raiseChange) and for the add-in's own value writes and clears,
// except while context.runtime.enableEvents is false (then none at all reach the add-in).
import { OfficeMockObject } from "office-addin-mock";

// office-addin-mock needs only the OfficeApp enum from office-addin-manifest, whose other
// dependencies are ES modules jest cannot require; give it just the enum.
jest.mock("office-addin-manifest", () => ({
  OfficeApp: { Excel: "excel", OneNote: "onenote", Outlook: "outlook", PowerPoint: "powerpoint", Project: "project", Word: "word" },
}));
import { areaAddress, parseArea, type Area } from "../../hosts/office/a1";

export const PAYLOAD_LIMIT = 5 * 1024 * 1024;
/** Bytes of a payload as JSON in UTF-8, as it goes over the wire. */
const jsonBytes = (v: unknown): number => Buffer.byteLength(JSON.stringify(v) ?? "");

export interface FakeCell {
  value: string | number | boolean;
  /** Excel took the text written for a formula (it started with =, +, - or @ and no apostrophe). */
  formula?: boolean;
  format: string;
  fill: { color: string | null; pattern: string; patternColor: string | null };
  font: { color: string; bold: boolean; size: number };
  /** Text wrapped (format.wrapText). */
  wrap?: boolean;
  /** Data validation as set through range.dataValidation. */
  validation?: FakeValidation;
}

export interface FakeValidation {
  rule?: Record<string, any>;
  prompt?: { showPrompt: boolean; title: string; message: string };
  errorAlert?: { showAlert: boolean; style: string; title: string; message: string };
}

/** The type Excel reports for a rule: its one criteria key, capitalised (list -> List, wholeNumber -> WholeNumber). */
const ruleType = (rule: Record<string, unknown>) => {
  const key = Object.keys(rule)[0];
  return key[0].toUpperCase() + key.slice(1);
};

const blankCell = (): FakeCell => ({
  value: "",
  format: "General",
  fill: { color: null, pattern: "None", patternColor: null },
  font: { color: "#000000", bold: false, size: 11 },
});

/** A chart as the add-in left it: areas 0-based, positions as the A1 cells given to setPosition. */
export interface FakeChart {
  name: string;
  type: string;
  source: Area;
  seriesBy: string;
  title: string | null;
  legend: string | null;
  categories: Area | null;
  reversePlotOrder: boolean;
  valueAxis: { minimum?: number; maximum?: number };
  position: [string, string | undefined] | null;
  /** One per column (seriesBy Columns) or row of the source; a fill per point, null until set. */
  series: { name: string; fill: string | null; points: (string | null)[] }[];
}

const HEX = /^#[0-9A-F]{6}$/i;

/** A sheet's page setup as Excel holds it: margins in points, print titles and area as addresses or null. */
export interface FakePageLayout {
  orientation: "Portrait" | "Landscape";
  zoom: { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number };
  leftMargin: number;
  rightMargin: number;
  topMargin: number;
  bottomMargin: number;
  headerMargin: number;
  footerMargin: number;
  titleRows: string | null;
  titleColumns: string | null;
  printArea: string | null;
  headersFooters: Record<string, string>;
}

/** A new sheet's page setup in Excel: portrait, 100%, Normal margins, nothing to repeat, no header or footer. */
export const defaultPageLayout = (): FakePageLayout => ({
  orientation: "Portrait", zoom: { scale: 100 }, leftMargin: 50.4, rightMargin: 50.4, topMargin: 54, bottomMargin: 54, headerMargin: 21.6, footerMargin: 21.6,
  titleRows: null, titleColumns: null, printArea: null,
  headersFooters: { leftHeader: "", centerHeader: "", rightHeader: "", leftFooter: "", centerFooter: "", rightFooter: "" },
});

export class FakeSheet {
  visibility = "Visible";
  protected = false;
  cells = new Map<string, FakeCell>();
  charts: FakeChart[] = [];
  columnWidths = new Map<number, number>();
  /** The page setup as worksheet.pageLayout holds it (margins in points), and the manual page breaks (A1 cells). */
  pageLayout: FakePageLayout = defaultPageLayout();
  rowBreaks: string[] = [];
  columnBreaks: string[] = [];
  constructor(public name: string) {}

  /** 0-based coordinates. */
  cell(r: number, c: number): FakeCell {
    return this.cells.get(`${r},${c}`) ?? blankCell();
  }
  edit(r: number, c: number, f: (cell: FakeCell) => void) {
    const cell = structuredClone(this.cell(r, c));
    f(cell);
    this.cells.set(`${r},${c}`, cell);
  }
  /** Puts values (and optionally formats) with the top-left at 0-based (r, c). */
  put(r: number, c: number, grid: (string | number | boolean | null)[][], formats?: (string | undefined)[]) {
    grid.forEach((row, i) =>
      row.forEach((v, j) =>
        this.edit(r + i, c + j, (cell) => {
          cell.value = v ?? "";
          if (formats?.[j]) cell.format = formats[j]!;
        }),
      ),
    );
  }
  /** Puts a validation on every cell of a 0-based area (an officer's own, in tests). */
  validate(area: Area, validation: FakeValidation) {
    for (let r = area.row1; r <= area.row2; r++) for (let c = area.col1; c <= area.col2; c++) this.edit(r, c, (cell) => (cell.validation = structuredClone(validation)));
  }
  /** Bounding box of non-empty values (valuesOnly used range), or null. */
  usedRange(): Area | null {
    let box: Area | null = null;
    for (const [k, cell] of this.cells) {
      if (cell.value === "") continue;
      const [r, c] = k.split(",").map(Number);
      if (!box) box = { row1: r, col1: c, row2: r, col2: c };
      else box = { row1: Math.min(box.row1, r), col1: Math.min(box.col1, c), row2: Math.max(box.row2, r), col2: Math.max(box.col2, c) };
    }
    return box;
  }
  grid(area: Area): FakeCell[][] {
    return Array.from({ length: area.row2 - area.row1 + 1 }, (_, i) =>
      Array.from({ length: area.col2 - area.col1 + 1 }, (_, j) => this.cell(area.row1 + i, area.col1 + j)),
    );
  }
}

interface FakeTable {
  name: string;
  sheet: string;
  area: Area; // 0-based, header row first
}

export interface SyncStat {
  ops: number;
  requestBytes: number;
  responseBytes: number;
}

/** A write that changed cells, for "no officer cell written" checks. 0-based area. */
export interface WriteLog {
  sheet: string;
  area: Area;
  what: string;
}

type Op = { run: () => void; bytes: number };

/** A worksheet changed event as the fake raised it. */
export interface FakeChangeEvent {
  sheet: string;
  address: string;
  changeType: string;
  source: "Local" | "Remote";
  triggerSource: "Unknown" | "ThisLocalAddin";
}

type ChangeHandler = (args: Record<string, unknown>) => Promise<unknown> | void;

export class FakeExcel {
  sheets: FakeSheet[] = [];
  tables: FakeTable[] = [];
  syncs: SyncStat[] = [];
  /** Batches refused for their size (not in syncs). */
  refusals = 0;
  writes: WriteLog[] = [];
  suspends = 0;
  /** Makes charts.add fail at sync, as Excel would on an API it does not support. */
  failCharts = false;
  /** context.runtime.enableEvents as the add-in last set it. */
  eventsEnabled = true;
  /** Every change event raised (delivered to the handlers registered on its sheet). */
  events: FakeChangeEvent[] = [];
  private handlers = new Map<string, Set<ChangeHandler>>();
  private deliveries: Promise<unknown>[] = [];
  private queue: Op[] = [];
  private rangeInfo = new WeakMap<object, { sheet: string; area: () => Area }>();
  private toSync = new Set<OfficeMockObject>();
  private responseBytes = 0;
  readonly context: any;

  constructor() {
    this.context = {
      workbook: {
        worksheets: this.worksheetCollection(),
        tables: this.tableCollection(),
      },
      application: { suspendScreenUpdatingUntilNextSync: () => this.enqueue(() => this.suspends++) },
      runtime: this.mock({ enableEvents: true }, {
        refresh: (p) => (p === "enableEvents" ? this.eventsEnabled : undefined),
        onSet: (path, value) => {
          if (path !== "enableEvents") throw new Error(`Unsupported runtime write ${path}`);
          this.eventsEnabled = value === true;
        },
      }),
      sync: () => this.sync(),
    };
  }

  get syncCount() {
    return this.syncs.length;
  }

  addSheet(name: string): FakeSheet {
    const s = new FakeSheet(name);
    this.sheets.push(s);
    return s;
  }
  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`ItemNotFound: sheet '${name}'`);
    return s;
  }
  /**
   * The officer types values with the top-left at 0-based (r, c): the cells change and, unless the
   * add-in has turned events off, a RangeEdited event is raised for them.
   */
  officerEdit(sheet: string, r: number, c: number, grid: (string | number | boolean | null)[][], source: "Local" | "Remote" = "Local") {
    this.sheet(sheet).put(r, c, grid);
    const area = { row1: r, col1: c, row2: r + grid.length - 1, col2: c + Math.max(1, ...grid.map((g) => g.length)) - 1 };
    this.raiseChange(sheet, areaAddress(area.row1 + 1, area.col1 + 1, area.row2 + 1, area.col2 + 1), "RangeEdited", "Unknown", source);
  }

  /** Raises a change event (asynchronously, as Excel does) unless events are off. */
  raiseChange(sheet: string, address: string, changeType: string, triggerSource: FakeChangeEvent["triggerSource"] = "Unknown", source: FakeChangeEvent["source"] = "Local") {
    if (!this.eventsEnabled) return;
    const event: FakeChangeEvent = { sheet, address, changeType, source, triggerSource };
    this.events.push(event);
    const handlers = [...(this.handlers.get(sheet) ?? [])];
    const args = { ...event, type: "WorksheetChanged", worksheetId: `{${sheet}}` };
    this.deliveries.push(new Promise((resolve) => setTimeout(resolve, 0)).then(() => Promise.all(handlers.map((h) => h(args)))));
  }

  /** Waits until every event raised so far has been handled. */
  async delivered(): Promise<void> {
    while (this.deliveries.length) await Promise.all(this.deliveries.splice(0));
  }

  /** How many change handlers are registered on a sheet. */
  handlerCount(sheet: string): number {
    return this.handlers.get(sheet)?.size ?? 0;
  }

  addTable(name: string, sheet: string, area: Area) {
    this.tables.push({ name, sheet, area });
  }

  async sync(): Promise<void> {
    const ops = this.queue;
    this.queue = [];
    this.responseBytes = 0;
    const requestBytes = ops.reduce((n, o) => n + o.bytes, 0);
    if (requestBytes > PAYLOAD_LIMIT) {
      this.refusals++;
      throw new Error(`RequestPayloadSizeLimitExceeded: ${requestBytes} bytes`);
    }
    for (const op of ops) op.run();
    const pending = [...this.toSync];
    this.toSync.clear();
    for (const m of pending) await m.sync();
    await new Promise((r) => setImmediate(r));
    if (this.responseBytes > PAYLOAD_LIMIT) {
      this.refusals++;
      throw new Error(`ResponsePayloadSizeLimitExceeded: ${this.responseBytes} bytes`);
    }
    this.syncs.push({ ops: ops.length, requestBytes, responseBytes: this.responseBytes });
  }

  private enqueue(run: () => void, payload: unknown = null) {
    this.queue.push({ run, bytes: 20 + (payload === null ? 0 : jsonBytes(payload)) });
  }

  /**
   * An OfficeMockObject behind a Proxy: load() and property writes are queued; methods in the
   * data are called as they are (they queue their own work).
   */
  private mock(
    data: Record<string, unknown>,
    opts: {
      refresh?: (prop: string) => unknown;
      /** Answers load() on a nested object (a range's format.fill), by dotted path: "format.fill.color". */
      refreshNested?: (path: string) => unknown;
      onSet?: (path: string, value: unknown) => void;
      preload?: string;
      plain?: Record<string, () => unknown>;
    },
  ): any {
    const raw = new OfficeMockObject(data as any, "excel" as any) as any;
    const self = this;
    const wrap = (target: any, prefix: string): any =>
      new Proxy(target, {
        get(t, prop, receiver) {
          if (prefix === "" && typeof prop === "string" && opts.plain && prop in opts.plain) return opts.plain[prop]();
          if (prop === "load" && prefix === "") {
            return (props?: string | string[]) => {
              const list = (Array.isArray(props) ? props : String(props ?? "").split(",")).map((p) => p.trim()).filter(Boolean);
              self.enqueue(() => {
                for (const p of list) {
                  if (!p.includes("/") && opts.refresh) {
                    const fresh = opts.refresh(p);
                    if (fresh !== undefined) raw.setValue(p, fresh);
                    self.responseBytes += jsonBytes(fresh ?? "");
                  }
                }
                raw.load(list.join(","));
                self.toSync.add(raw);
              });
              return receiver;
            };
          }
          if (prop === "load" && prefix !== "" && opts.refreshNested) {
            return (props: string) => {
              const list = String(props).split(",").map((p) => p.trim()).filter(Boolean);
              self.enqueue(() => {
                for (const p of list) {
                  const fresh = opts.refreshNested!(`${prefix}${p}`);
                  t.setValue(p, fresh);
                  self.responseBytes += jsonBytes(fresh);
                }
                t.load(list.join(","));
                self.toSync.add(raw);
              });
              return receiver;
            };
          }
          const v = Reflect.get(t, prop);
          if (v instanceof OfficeMockObject && typeof prop === "string") return wrap(v, `${prefix}${prop}.`);
          return v;
        },
        set(t, prop, value) {
          const path = `${prefix}${String(prop)}`;
          if (!opts.onSet) throw new Error(`Property ${path} is read-only in this fake`);
          self.enqueue(() => opts.onSet!(path, value), value);
          return Reflect.set(t, prop, value);
        },
      });
    if (opts.preload) {
      raw.load(opts.preload);
      this.toSync.add(raw);
    }
    return wrap(raw, "");
  }

  // ---- Worksheets -------------------------------------------------------------------------

  private worksheetCollection() {
    const self = this;
    let items: any[] | undefined;
    return {
      get items() {
        if (!items) throw new Error("worksheets.items: load and sync first");
        return items;
      },
      load(_props: string) {
        self.enqueue(() => {
          items = self.sheets.map((s) => self.worksheet(s.name, "name,visibility,protection/protected"));
        });
      },
      getItem: (name: string) => this.worksheet(name),
      getItemOrNullObject: (name: string) => this.worksheet(name, undefined, true),
      // Selection events are taken and never raised: the officer does not move the selection here.
      onSelectionChanged: { add: () => ({ context: self.context, remove: () => undefined }) },
      add: (name: string) => {
        if (this.sheets.some((s) => s.name === name)) throw new Error(`ItemAlreadyExists: ${name}`);
        this.enqueue(() => this.addSheet(name));
        return this.worksheet(name, undefined, false, true);
      },
    };
  }

  private worksheet(name: string, preload?: string, orNull = false, adding = false): any {
    const existing = () => this.sheets.find((s) => s.name === name);
    const sheet = () => {
      const s = existing();
      if (!s) throw new Error(`ItemNotFound: sheet '${name}'`);
      return s;
    };
    const s = existing();
    if (!s && !orNull && !adding) throw new Error(`ItemNotFound: sheet '${name}'`);
    const self = this;
    return this.mock(
      {
        name,
        visibility: s?.visibility ?? "Visible",
        isNullObject: !s && !adding,
        protection: { protected: s?.protected ?? false },
        getRangeByIndexes: (r: number, c: number, rows: number, cols: number) => self.range(name, { row1: r, col1: c, row2: r + rows - 1, col2: c + cols - 1 }),
        getRange: (address?: string) => {
          if (!address) return self.range(name, { row1: 0, col1: 0, row2: 1048575, col2: 16383 });
          const cols = /^([A-Z]+):([A-Z]+)$/.exec(address);
          if (cols) {
            const a = parseArea(`${cols[1]}1:${cols[2]}1`);
            return self.range(name, { row1: 0, col1: a.col1 - 1, row2: 1048575, col2: a.col2 - 1 });
          }
          const a = parseArea(address);
          return self.range(name, { row1: a.row1 - 1, col1: a.col1 - 1, row2: a.row2 - 1, col2: a.col2 - 1 });
        },
        getRanges: (address: string) => self.rangeAreas(name, address),
        getUsedRangeOrNullObject: () => self.usedRange(name),
        delete: () => self.enqueue(() => self.writeGuard(sheet(), "delete") && (self.sheets = self.sheets.filter((x) => x.name !== name))),
      },
      {
        refresh: (p) => (p === "isNullObject" ? !existing() : p === "visibility" ? existing()?.visibility : undefined),
        onSet: (path, value) => {
          if (path === "visibility") sheet().visibility = String(value);
          else throw new Error(`Unsupported worksheet write ${path}`);
        },
        preload,
        plain: {
          charts: () => self.chartCollection(name),
          pageLayout: () => self.pageLayoutApi(name),
          horizontalPageBreaks: () => self.pageBreaks(name, "rowBreaks"),
          verticalPageBreaks: () => self.pageBreaks(name, "columnBreaks"),
          onChanged: () => ({
            add: (handler: ChangeHandler) => {
              self.enqueue(() => (self.handlers.get(name) ?? self.handlers.set(name, new Set()).get(name)!).add(handler));
              return { context: self.context, remove: () => self.enqueue(() => self.handlers.get(name)?.delete(handler)) };
            },
          }),
        },
      },
    );
  }

  // ---- Charts -----------------------------------------------------------------------------

  private chartCollection(sheetName: string) {
    const self = this;
    let items: any[] | undefined;
    return {
      get items() {
        if (!items) throw new Error("charts.items: load and sync first");
        return items;
      },
      load(_props: string) {
        self.enqueue(() => {
          items = self.sheet(sheetName).charts.map((c) => self.chartApi(sheetName, () => c, c.name));
          self.responseBytes += jsonBytes(items.map((c) => c.name));
        });
      },
      add: (type: string, source: object, seriesBy = "Auto") => {
        const src = this.rangeInfo.get(source);
        if (!src) throw new Error("InvalidArgument: sourceData must be a Range");
        const chart: FakeChart = {
          name: "Chart", type, source: src.area(), seriesBy, title: null, legend: null, categories: null,
          reversePlotOrder: false, valueAxis: {}, position: null, series: [],
        };
        this.enqueue(() => {
          const sheet = this.sheet(sheetName);
          this.writeGuard(sheet, "chart");
          if (this.failCharts) throw new Error("ApiNotFound: charts.add");
          if (src.sheet !== sheetName) throw new Error("InvalidArgument: source on another sheet");
          const a = chart.source;
          const rows = a.row2 - a.row1 + 1;
          const cols = a.col2 - a.col1 + 1;
          const byRows = seriesBy === "Rows" || (seriesBy === "Auto" && cols > rows);
          chart.series = Array.from({ length: byRows ? rows : cols }, (_, i) => ({ name: `Series${i + 1}`, fill: null, points: Array(byRows ? cols : rows).fill(null) }));
          sheet.charts.push(chart);
        }, { type, seriesBy });
        return this.chartApi(sheetName, () => chart);
      },
      getItemOrNullObject: (name: string) => {
        let found: FakeChart | undefined;
        let loaded = false;
        return this.chartApi(sheetName, () => found, undefined, {
          load: { value: () => this.enqueue(() => ((found = this.sheet(sheetName).charts.find((c) => c.name === name)), (loaded = true))) },
          isNullObject: { get: () => (loaded ? !found : (() => { throw new Error("isNullObject: load and sync first"); })()) },
        });
      },
    };
  }

  /** A chart's API: every write and method queued; `loadedName` when it came from a loaded collection. */
  private chartApi(sheetName: string, get: () => FakeChart | undefined, loadedName?: string, extra: PropertyDescriptorMap = {}): any {
    const self = this;
    const chart = () => {
      const c = get();
      if (!c) throw new Error("ItemNotFound: chart");
      return c;
    };
    const later = (f: (c: FakeChart) => void, payload: unknown = null) => self.enqueue(() => f(chart()), payload);
    const fill = (set: (colour: string) => void) =>
      Object.preventExtensions({
        setSolidColor: (colour: string) => {
          if (!HEX.test(colour)) throw new Error(`InvalidArgument: colour ${colour}`);
          self.enqueue(() => set(colour.toUpperCase()), colour);
        },
      });
    const address = (a: unknown) => (typeof a === "string" ? (parseArea(a), a) : (() => { throw new Error("setPosition: pass A1 addresses in this fake"); })());
    const series = (i: number) => {
      const at = () => chart().series[i] ?? (() => { throw new Error(`ItemNotFound: series ${i}`); })();
      return Object.preventExtensions({
        set name(v: string) {
          later(() => (at().name = v), v);
        },
        format: Object.preventExtensions({ fill: fill((c) => (at().fill = c)) }),
        points: Object.preventExtensions({
          getItemAt: (j: number) =>
            Object.preventExtensions({
              format: Object.preventExtensions({
                fill: fill((c) => {
                  if (j >= at().points.length) throw new Error(`ItemNotFound: point ${j}`);
                  at().points[j] = c;
                }),
              }),
            }),
        }),
      });
    };
    const api = {
      get name() {
        if (loadedName === undefined) throw new Error("chart.name: load and sync first");
        return loadedName;
      },
      set name(v: string) {
        later((c) => (c.name = v), v);
      },
      title: Object.preventExtensions({
        set text(v: string) {
          later((c) => (c.title = v), v);
        },
      }),
      legend: Object.preventExtensions({
        set position(v: string) {
          later((c) => (c.legend = v), v);
        },
      }),
      axes: Object.preventExtensions({
        categoryAxis: Object.preventExtensions({
          setCategoryNames: (range: object) => {
            const src = self.rangeInfo.get(range);
            if (!src || src.sheet !== sheetName) throw new Error("InvalidArgument: category names must be a range on the chart's sheet");
            later((c) => (c.categories = src.area()));
          },
          set reversePlotOrder(v: boolean) {
            later((c) => (c.reversePlotOrder = v));
          },
        }),
        valueAxis: Object.preventExtensions({
          set minimum(v: number) {
            later((c) => (c.valueAxis.minimum = v));
          },
          set maximum(v: number) {
            later((c) => (c.valueAxis.maximum = v));
          },
        }),
      }),
      series: Object.preventExtensions({ getItemAt: series }),
      setPosition: (start: unknown, end?: unknown) => {
        const pos: [string, string | undefined] = [address(start), end === undefined ? undefined : address(end)];
        later((c) => (c.position = pos), pos);
      },
      delete: () => later((c) => {
        const sheet = self.sheet(sheetName);
        self.writeGuard(sheet, "chart delete");
        sheet.charts = sheet.charts.filter((x) => x !== c);
      }),
    };
    return Object.preventExtensions(Object.defineProperties(api, extra));
  }

  private usedRange(name: string): any {
    const box = () => this.sheet(name).usedRange();
    return this.rangeMock(name, () => box() ?? { row1: 0, col1: 0, row2: 0, col2: 0 }, () => !box());
  }

  // ---- Ranges -----------------------------------------------------------------------------

  private range(name: string, area: Area): any {
    return this.rangeMock(name, () => area, () => false);
  }

  private rangeMock(name: string, areaOf: () => Area, isNull: () => boolean): any {
    const range = this.rangeMockObject(name, areaOf, isNull);
    this.rangeInfo.set(range, { sheet: name, area: areaOf });
    return range;
  }

  private rangeMockObject(name: string, areaOf: () => Area, isNull: () => boolean): any {
    const self = this;
    const sheet = () => this.sheet(name);
    const a0 = areaOf();
    const props = (p: string): unknown => {
      const a = areaOf();
      const g = () => sheet().grid(a);
      switch (p) {
        case "isNullObject": return isNull();
        case "rowIndex": return a.row1;
        case "columnIndex": return a.col1;
        case "rowCount": return a.row2 - a.row1 + 1;
        case "columnCount": return a.col2 - a.col1 + 1;
        case "values": return g().map((r) => r.map((c) => c.value));
        case "numberFormat": return g().map((r) => r.map((c) => c.format));
        default: return undefined;
      }
    };
    const fillClear = () => self.enqueue(() => self.forCells(name, [areaOf()], "fill", (c) => (c.fill = { color: null, pattern: "None", patternColor: null })));
    return this.mock(
      {
        isNullObject: false,
        rowIndex: a0.row1,
        columnIndex: a0.col1,
        rowCount: a0.row2 - a0.row1 + 1,
        columnCount: a0.col2 - a0.col1 + 1,
        values: [],
        numberFormat: [],
        format: { fill: { color: "#FFFFFF", clear: fillClear }, font: { color: "#000000" } },
        clear: () => self.enqueue(() => self.forCells(name, [areaOf()], "clear", (_c, r, c) => sheet().cells.delete(`${r},${c}`))),
        getCellProperties: () => {
          const result: { value?: unknown } = {};
          self.enqueue(() => {
            result.value = sheet()
              .grid(areaOf())
              .map((row) => row.map((c) => ({ format: { fill: c.fill.color ? { color: c.fill.color, pattern: c.fill.pattern, patternColor: c.fill.patternColor ?? "#000000" } : { color: "#FFFFFF", pattern: "None" } } })));
            self.responseBytes += jsonBytes(result.value);
          });
          return result;
        },
        select: () => undefined,
      },
      {
        refresh: props,
        refreshNested: (path) => self.uniformFill(name, areaOf(), path),
        onSet: (path, value) => self.setRange(name, [areaOf()], path, value),
        plain: { dataValidation: () => self.dataValidation(name, areaOf) },
      },
    );
  }

  /**
   * A range's format.fill.color, .pattern or .patternColor as Excel reports it on load: the cells'
   * common value (no fill: #FFFFFF, pattern None), or null where the cells differ.
   */
  uniformFill(name: string, area: Area, path: string): string | null {
    const of = (c: FakeCell) =>
      path === "format.fill.color" ? c.fill.color ?? "#FFFFFF" : path === "format.fill.pattern" ? (c.fill.color ? c.fill.pattern : "None") : path === "format.fill.patternColor" ? c.fill.patternColor ?? "#000000" : undefined;
    const seen = new Set(this.sheet(name).grid(area).flatMap((row) => row.map(of)));
    if (seen.has(undefined)) throw new Error(`Unsupported load ${path}`);
    return seen.size === 1 ? (seen.values().next().value as string) : null;
  }

  /**
   * A range's data validation, as Excel reports it on load: None when no cell has a rule,
   * MixedCriteria when some have none, Inconsistent when their rules differ, else the rule's type.
   */
  validationOf(name: string, area: Area): { type: string; rule: Record<string, any> | null; prompt: FakeValidation["prompt"] | null; errorAlert: FakeValidation["errorAlert"] | null } {
    const keys = new Set<string | null>();
    let first: FakeValidation | undefined;
    for (const row of this.sheet(name).grid(area)) {
      for (const c of row) {
        const rule = c.validation?.rule;
        keys.add(rule ? JSON.stringify(rule) : null);
        if (rule && !first) first = c.validation;
      }
    }
    const type = !first ? "None" : keys.has(null) ? "MixedCriteria" : keys.size > 1 ? "Inconsistent" : ruleType(first.rule!);
    const one = type !== "None" && type !== "MixedCriteria" && type !== "Inconsistent";
    return { type, rule: one ? first!.rule! : null, prompt: one ? first!.prompt ?? null : null, errorAlert: one ? first!.errorAlert ?? null : null };
  }

  /** range.dataValidation: load, then read type/rule/prompt/errorAlert; rule, prompt and errorAlert sets and clear() queued. */
  private dataValidation(name: string, areaOf: () => Area): any {
    const self = this;
    let loaded: ReturnType<FakeExcel["validationOf"]> | undefined;
    const read = <K extends keyof NonNullable<typeof loaded>>(key: K) => {
      if (!loaded) throw new Error(`dataValidation.${key}: load and sync first`);
      return loaded[key];
    };
    const put = (key: keyof FakeValidation, value: any, check: () => void) =>
      self.enqueue(() => {
        check();
        self.forCells(name, [areaOf()], "validation", (c) => (c.validation = { ...c.validation, [key]: structuredClone(value) }));
      }, value);
    const within = (text: unknown, limit: number, what: string) => {
      if (typeof text !== "string" || text.length > limit) throw new Error(`InvalidArgument: ${what} longer than ${limit} characters`);
    };
    return Object.preventExtensions({
      load(_props?: string) {
        self.enqueue(() => {
          loaded = self.validationOf(name, areaOf());
          self.responseBytes += jsonBytes(loaded);
        });
        return this;
      },
      get type() {
        return read("type");
      },
      get rule(): any {
        return read("rule");
      },
      set rule(v: Record<string, any>) {
        put("rule", v, () => {
          // As Excel: a rule is not set over cells whose validations differ (clear them first).
          const now = self.validationOf(name, areaOf()).type;
          if (now === "MixedCriteria" || now === "Inconsistent") throw new Error(`InvalidArgument: the range has ${now} data validation`);
          const source = v.list?.source;
          if (v.list && (typeof source !== "string" || !source)) throw new Error("InvalidArgument: list source");
          if (typeof source === "string" && !source.startsWith("=")) within(source, 255, "a list typed in");
          const ref = typeof source === "string" && /^='((?:[^']|'')+)'!\$?[A-Z]+\$?\d+(:\$?[A-Z]+\$?\d+)?$/.exec(source);
          if (typeof source === "string" && source.startsWith("=") && (!ref || !self.sheets.some((s) => s.name === ref[1].replace(/''/g, "'")))) throw new Error(`InvalidArgument: list source ${source}`);
        });
      },
      get prompt(): any {
        return read("prompt");
      },
      set prompt(v: NonNullable<FakeValidation["prompt"]>) {
        put("prompt", v, () => (within(v.title, 32, "a prompt title"), within(v.message, 255, "a prompt")));
      },
      get errorAlert(): any {
        return read("errorAlert");
      },
      set errorAlert(v: NonNullable<FakeValidation["errorAlert"]>) {
        put("errorAlert", v, () => {
          within(v.title, 32, "an error title");
          within(v.message, 225, "an error message");
          if (!["Stop", "Warning", "Information"].includes(v.style)) throw new Error(`InvalidArgument: alert style ${v.style}`);
        });
      },
      clear: () =>
        self.enqueue(() => {
          const sheet = self.writeGuard(self.sheet(name), "validation") && self.sheet(name);
          const a = areaOf();
          self.writes.push({ sheet: name, area: a, what: "validation" });
          for (const [k, cell] of [...sheet.cells]) {
            const [r, c] = k.split(",").map(Number);
            if (cell.validation && r >= a.row1 && r <= a.row2 && c >= a.col1 && c <= a.col2) sheet.edit(r, c, (x) => delete x.validation);
          }
        }),
    });
  }

  private rangeAreas(name: string, address: string): any {
    if (address.length > 8192) throw new Error(`InvalidArgument: address of ${address.length} characters`);
    const areas = address.split(",").map((s) => {
      const a = parseArea(s);
      return { row1: a.row1 - 1, col1: a.col1 - 1, row2: a.row2 - 1, col2: a.col2 - 1 };
    });
    const self = this;
    this.enqueue(() => undefined, address);
    const fillClear = () => self.enqueue(() => self.forCells(name, areas, "fill", (c) => (c.fill = { color: null, pattern: "None", patternColor: null })));
    return this.mock(
      { address, format: { fill: { color: "#FFFFFF", clear: fillClear }, font: { color: "#000000" } } },
      { onSet: (path, value) => self.setRange(name, areas, path, value) },
    );
  }

  private writeGuard(sheet: FakeSheet, what: string): true {
    if (sheet.protected) throw new Error(`AccessDenied: '${sheet.name}' is protected (${what})`);
    return true;
  }

  private forCells(name: string, areas: Area[], what: string, f: (cell: FakeCell, r: number, c: number) => void) {
    const sheet = this.writeGuard(this.sheet(name), what) && this.sheet(name);
    for (const a of areas) {
      this.writes.push({ sheet: name, area: a, what });
      // Excel raises onChanged for values written and cells cleared, formats aside.
      if (what === "values" || what === "clear") this.raiseChange(name, areaAddress(a.row1 + 1, a.col1 + 1, Math.min(a.row2, 1048575) + 1, Math.min(a.col2, 16383) + 1), "RangeEdited", "ThisLocalAddin");
      if (what === "clear") {
        for (const k of [...sheet.cells.keys()]) {
          const [r, c] = k.split(",").map(Number);
          if (r >= a.row1 && r <= a.row2 && c >= a.col1 && c <= a.col2) sheet.cells.delete(k);
        }
        continue;
      }
      for (let r = a.row1; r <= a.row2; r++) for (let c = a.col1; c <= a.col2; c++) sheet.edit(r, c, (cell) => f(cell, r, c));
    }
  }

  private setRange(name: string, areas: Area[], path: string, value: any) {
    const grid2d = (f: (cell: FakeCell, v: any) => void) => {
      const a = areas[0];
      const rows = a.row2 - a.row1 + 1;
      const cols = a.col2 - a.col1 + 1;
      if (!Array.isArray(value) || value.length !== rows || value.some((r: unknown[]) => r.length !== cols)) {
        throw new Error(`InvalidArgument: ${path} must be ${rows}x${cols}`);
      }
      this.forCells(name, areas, path, (cell, r, c) => f(cell, value[r - a.row1][c - a.col1]));
    };
    switch (path) {
      case "values":
        return grid2d((cell, v) => {
          // As Excel: a leading apostrophe marks text and is not kept; =, +, - or @ first makes a formula.
          cell.value = typeof v === "string" && v.startsWith("'") ? v.slice(1) : v;
          if (typeof v === "string" && /^[=+\-@]/.test(v)) cell.formula = true;
          else delete cell.formula;
        });
      case "numberFormat":
        return grid2d((cell, v) => (cell.format = v));
      case "format.fill.color":
        return this.forCells(name, areas, "fill", (c) => (c.fill = { color: String(value).toUpperCase(), pattern: "Solid", patternColor: null }));
      case "format.fill.pattern":
        return this.forCells(name, areas, "fill", (c) => (c.fill.pattern = value));
      case "format.fill.patternColor":
        return this.forCells(name, areas, "fill", (c) => (c.fill.patternColor = value));
      case "format.font.color":
        return this.forCells(name, areas, "font", (c) => (c.font.color = value));
      case "format.font.bold":
        return this.forCells(name, areas, "font", (c) => (c.font.bold = value));
      case "format.wrapText":
        return this.forCells(name, areas, "format", (c) => (c.wrap = value === true));
      case "format.font.size":
        return this.forCells(name, areas, "font", (c) => (c.font.size = value));
      case "format.columnWidth":
        for (const a of areas) for (let c = a.col1; c <= a.col2; c++) this.sheet(name).columnWidths.set(c, value);
        return;
      default:
        throw new Error(`Unsupported range write ${path}`);
    }
  }

  // ---- Page layout ------------------------------------------------------------------------

  /** worksheet.pageLayout: properties loaded and set as Excel keeps them, print titles and area as ranges or null objects. */
  private pageLayoutApi(name: string): any {
    const layout = () => this.sheet(name).pageLayout;
    const numbers = ["leftMargin", "rightMargin", "topMargin", "bottomMargin", "headerMargin", "footerMargin"] as const;
    const orNull = (get: () => string | null) =>
      this.mock({ isNullObject: false, address: "" }, { refresh: (p) => (p === "isNullObject" ? get() === null : p === "address" ? get() ?? "" : undefined) });
    return this.mock(
      {
        orientation: "Portrait", zoom: { scale: 100 }, leftMargin: 0, rightMargin: 0, topMargin: 0, bottomMargin: 0, headerMargin: 0, footerMargin: 0,
        setPrintTitleRows: (address: string) => {
          if (!/^\$?\d+:\$?\d+$/.test(address)) throw new Error(`InvalidArgument: print title rows '${address}'`);
          this.enqueue(() => (layout().titleRows = address), address);
        },
        getPrintTitleRowsOrNullObject: () => orNull(() => layout().titleRows),
        getPrintTitleColumnsOrNullObject: () => orNull(() => layout().titleColumns),
        getPrintAreaOrNullObject: () => orNull(() => layout().printArea),
      },
      {
        refresh: (p) => (p === "orientation" || p === "zoom" || (numbers as readonly string[]).includes(p) ? structuredClone(layout()[p as keyof FakePageLayout]) : undefined),
        onSet: (path, value) => {
          if (path === "orientation") {
            if (value !== "Portrait" && value !== "Landscape") throw new Error(`InvalidArgument: orientation ${String(value)}`);
            layout().orientation = value;
          } else if (path === "zoom") {
            const z = value as FakePageLayout["zoom"];
            const fit = (n: unknown) => n === undefined || (Number.isInteger(n) && (n as number) >= 0);
            if (!z || typeof z !== "object" || !fit(z.horizontalFitToPages) || !fit(z.verticalFitToPages) || (z.scale !== undefined && !(z.scale >= 10 && z.scale <= 400))) throw new Error(`InvalidArgument: zoom ${JSON.stringify(value)}`);
            layout().zoom = structuredClone(z);
          } else if ((numbers as readonly string[]).includes(path)) {
            if (typeof value !== "number" || value < 0) throw new Error(`InvalidArgument: ${path} ${String(value)}`);
            (layout() as any)[path] = value;
          } else throw new Error(`Unsupported pageLayout write ${path}`);
        },
        // zoom is an object value, which the mock would make a mock object of: given as Excel gives it.
        plain: { headersFooters: () => ({ defaultForAllPages: this.headerFooterApi(name) }), zoom: () => structuredClone(layout().zoom) },
      },
    );
  }

  /** pageLayout.headersFooters.defaultForAllPages: six texts, loaded and set. */
  private headerFooterApi(name: string): any {
    const texts = () => this.sheet(name).pageLayout.headersFooters;
    const keys = ["leftHeader", "centerHeader", "rightHeader", "leftFooter", "centerFooter", "rightFooter"];
    return this.mock(Object.fromEntries(keys.map((k) => [k, ""])), {
      refresh: (p) => (keys.includes(p) ? texts()[p] : undefined),
      onSet: (path, value) => {
        if (!keys.includes(path) || typeof value !== "string") throw new Error(`Unsupported header/footer write ${path}`);
        texts()[path] = value;
      },
    });
  }

  /** worksheet.horizontalPageBreaks / verticalPageBreaks: add (before a cell), removePageBreaks, getCount. */
  private pageBreaks(name: string, kind: "rowBreaks" | "columnBreaks"): any {
    return Object.preventExtensions({
      add: (address: string) => {
        parseArea(address);
        this.enqueue(() => this.sheet(name)[kind].push(address), address);
      },
      removePageBreaks: () => this.enqueue(() => (this.sheet(name)[kind] = [])),
      getCount: () => {
        const result: { value?: number } = {};
        this.enqueue(() => (result.value = this.sheet(name)[kind].length));
        return result;
      },
    });
  }

  // ---- Tables -----------------------------------------------------------------------------

  private tableCollection() {
    const self = this;
    let items: any[] | undefined;
    return {
      get items() {
        if (!items) throw new Error("tables.items: load and sync first");
        return items;
      },
      load(_props: string) {
        self.enqueue(() => (items = self.tables.map((t) => self.table(t.name, "name,worksheet/name"))));
      },
      getItemOrNullObject: (name: string) => this.table(name),
    };
  }

  private table(name: string, preload?: string): any {
    const t = () => this.tables.find((x) => x.name === name);
    const found = t();
    const area = () => t()!.area;
    return this.mock(
      {
        name,
        isNullObject: !found,
        worksheet: { name: found?.sheet ?? "" },
        getRange: () => this.rangeMock(found!.sheet, area, () => false),
        getHeaderRowRange: () => this.rangeMock(found!.sheet, () => ({ ...area(), row2: area().row1 }), () => false),
      },
      { refresh: (p) => (p === "isNullObject" ? !t() : undefined), preload },
    );
  }
}
