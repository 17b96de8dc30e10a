// A filled letter opened by a real word processor: LibreOffice headless converts it to PDF, the
// PDF's text is the letter's, and pdftoppm draws its first page (test/artifacts/letter-page-1.png;
// docs/images/letter-categorisation.png is a copy).
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { runCli, STAFFS_BOOK, tempDir } from "./helpers/cli";

const dir = tempDir("letters-render-");
const artifacts = path.join(__dirname, "artifacts");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test("a categorisation letter converts to PDF and PNG with LibreOffice, with the school's text on two A4 pages", async () => {
  const out = path.join(dir, "letters");
  const r = await runCli(["letters", STAFFS_BOOK, "--date", "2025-09-01", "--as-of", "2025-09-01", "--band", "D", "--stage", "noticeOfConcern", "--out", out]);
  expect(r.code).toBe(0);
  const letter = path.join(out, "124040 Boley Park Infant School.docx");
  execFileSync("soffice", ["--headless", `-env:UserInstallation=file://${dir}/profile`, "--convert-to", "pdf", "--outdir", dir, letter], { stdio: "ignore", timeout: 120_000 });
  const pdf = path.join(dir, "124040 Boley Park Infant School.pdf");
  const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
  expect(info).toMatch(/Pages:\s+2/);
  expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
  const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
  expect(text).toContain("Your council's name and logo");
  expect(text).toContain("School categorisation 2025/26: Boley Park Infant School");
  expect(text).toContain("The school is in category D High concern.");
  expect(text).toContain("Budget deficit: Budget balance £ -58,720 (below 0)");
  expect(text).not.toMatch(/[{}]/);
  fs.mkdirSync(artifacts, { recursive: true });
  execFileSync("pdftoppm", ["-png", "-r", "80", "-f", "1", "-l", "1", pdf, path.join(artifacts, "letter-page")]);
  const png = fs.readFileSync(path.join(artifacts, "letter-page-1.png"));
  expect(png.subarray(1, 4).toString()).toBe("PNG");
  // An A4 page at 80 dpi: 662 x 936 pixels (pdftoppm rounds up).
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([662, 936]);
});
