// Structural validation of manifest.xml, standing in for the online validator (not reachable
// here): element order and values required by the task pane add-in schema (appforoffice 1.1),
// the ribbon button in VersionOverrides, every resid defined, every icon present at its size.
import { readFileSync, existsSync } from "fs";
import { join } from "path";
import { all, parseXml, select, type XmlElement } from "./xml-tree";

const root = join(__dirname, "..", "..");
const manifest = parseXml(readFileSync(join(root, "manifest.xml"), "utf8"));
const one = (...path: string[]): XmlElement => {
  const found = select(manifest, ...path);
  expect(found).toHaveLength(1);
  return found[0];
};

/** The TaskPaneApp sequence from the schema; "?" marks optional elements. */
const SEQUENCE = [
  "Id", "AlternateId?", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description",
  "IconUrl?", "HighResolutionIconUrl?", "SupportUrl?", "AppDomains?", "Hosts?", "Requirements?",
  "DefaultSettings", "Permissions?", "AllowSnapshot?", "VersionOverrides?",
];

describe("manifest.xml", () => {
  it("is a task pane app in the 1.1 schema namespace", () => {
    expect(manifest.name).toBe("OfficeApp");
    expect(manifest.attributes.xmlns).toBe("http://schemas.microsoft.com/office/appforoffice/1.1");
    expect(manifest.attributes["xsi:type"]).toBe("TaskPaneApp");
    expect(manifest.attributes["xmlns:bt"]).toBe("http://schemas.microsoft.com/office/officeappbasictypes/1.0");
  });

  it("has the required elements, in the schema's order", () => {
    const names = manifest.children.map((c) => c.name);
    let at = 0;
    for (const name of names) {
      const index = SEQUENCE.findIndex((s, i) => i >= at && s.replace("?", "") === name);
      expect({ name, known: index >= 0 }).toEqual({ name, known: true });
      at = index + 1;
    }
    for (const required of SEQUENCE.filter((s) => !s.endsWith("?"))) expect(names).toContain(required);
    expect(names).toEqual(expect.arrayContaining(["IconUrl", "HighResolutionIconUrl", "SupportUrl", "AppDomains", "Hosts", "Requirements", "Permissions", "VersionOverrides"]));
  });

  it("has valid values", () => {
    expect(one("Id").text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(one("Version").text).toMatch(/^\d{1,5}(\.\d{1,5}){0,3}$/);
    expect(one("ProviderName").text.trim().length).toBeGreaterThan(0);
    expect(one("DefaultLocale").text).toMatch(/^[a-z]{2}-[A-Z]{2}$/);
    expect(one("DisplayName").attributes.DefaultValue.length).toBeLessThanOrEqual(125);
    expect(one("Description").attributes.DefaultValue.length).toBeLessThanOrEqual(250);
    for (const el of ["IconUrl", "HighResolutionIconUrl", "SupportUrl"]) expect(one(el).attributes.DefaultValue).toMatch(/^https:\/\//);
    expect(select(manifest, "AppDomains", "AppDomain").every((d) => /^https:\/\//.test(d.text))).toBe(true);
    expect(select(manifest, "Hosts", "Host").map((h) => h.attributes.Name)).toEqual(["Workbook"]);
    expect(one("Permissions").text).toBe("ReadWriteDocument");
    expect(one("DefaultSettings", "SourceLocation").attributes.DefaultValue).toBe("https://localhost:3000/taskpane.html");
  });

  it("requires the Excel API set the adapter uses (1.9: RangeAreas, getCellProperties, screen updating)", () => {
    const sets = select(manifest, "Requirements", "Sets", "Set");
    expect(sets.map((s) => [s.attributes.Name, s.attributes.MinVersion])).toEqual([["ExcelApi", "1.9"]]);
  });

  it("adds a ribbon button that shows the task pane, with every resource defined", () => {
    const vo = one("VersionOverrides");
    expect(vo.attributes.xmlns).toBe("http://schemas.microsoft.com/office/taskpaneappversionoverrides");
    expect(vo.attributes["xsi:type"]).toBe("VersionOverridesV1_0");
    const host = one("VersionOverrides", "Hosts", "Host");
    expect(host.attributes["xsi:type"]).toBe("Workbook");
    const desktop = select(host, "DesktopFormFactor")[0];
    expect(desktop.children.map((c) => c.name)).toEqual(["GetStarted", "FunctionFile", "ExtensionPoint"]);
    const point = select(desktop, "ExtensionPoint")[0];
    expect(point.attributes["xsi:type"]).toBe("PrimaryCommandSurface");
    const control = select(point, "OfficeTab", "Group", "Control")[0];
    expect(control.attributes["xsi:type"]).toBe("Button");
    const action = select(control, "Action")[0];
    expect(action.attributes["xsi:type"]).toBe("ShowTaskpane");
    expect(select(action, "TaskpaneId")[0].text).toBeTruthy();

    const resources = select(vo, "Resources")[0];
    const defined = new Map<string, XmlElement>();
    for (const kind of ["bt:Images", "bt:Urls", "bt:ShortStrings", "bt:LongStrings"]) {
      for (const r of select(resources, kind)[0].children) {
        expect(r.attributes.id.length).toBeLessThanOrEqual(32);
        expect(defined.has(r.attributes.id)).toBe(false);
        defined.set(r.attributes.id, r);
        if (kind === "bt:ShortStrings") expect(r.attributes.DefaultValue.length).toBeLessThanOrEqual(125);
        if (kind === "bt:LongStrings") expect(r.attributes.DefaultValue.length).toBeLessThanOrEqual(250);
        if (kind === "bt:Images" || kind === "bt:Urls") expect(r.attributes.DefaultValue).toMatch(/^https:\/\//);
      }
    }
    const used = all(vo).filter((e) => e.attributes.resid).map((e) => e.attributes.resid);
    expect(used.length).toBeGreaterThan(5);
    for (const id of used) expect({ id, defined: defined.has(id) }).toEqual({ id, defined: true });
  });

  it("points only at files the build serves, with icons at their stated sizes", () => {
    const urls = all(manifest).flatMap((e) => Object.values(e.attributes)).filter((v) => v.startsWith("https://localhost:3000/"));
    const files = [...new Set(urls.map((u) => u.slice("https://localhost:3000/".length)))];
    expect(files.sort()).toEqual(["assets/icon-16.png", "assets/icon-32.png", "assets/icon-64.png", "assets/icon-80.png", "commands.html", "help.html", "taskpane.html"]);
    for (const f of files.filter((f) => f.endsWith(".png"))) {
      const png = readFileSync(join(root, f));
      const size = Number(/icon-(\d+)/.exec(f)![1]);
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
    for (const page of ["taskpane.html", "commands.html", "help.html"]) expect(existsSync(join(root, "addin", page))).toBe(true);
  });
});
