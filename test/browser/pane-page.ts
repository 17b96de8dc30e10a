// The built task pane in a real browser, outside Office, for the browser tests: builds addin/ with
// webpack into a temp dir, serves it, and opens it in Debian's Chromium (playwright-core) with
// Office.js and everything else off the local server blocked.
import { execFile } from "child_process";
import { existsSync, mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { promisify } from "util";
import { chromium, type Page } from "playwright-core";
import { serve } from "./static-server";

const root = join(__dirname, "..", "..");
const CHROMIUM = "/usr/bin/chromium";

export interface PanePage {
  page: Page;
  /** The built pane's folder. */
  dist: string;
  /** Uncaught errors and console errors in the page. */
  pageErrors: string[];
  /** How many times the page asked for Office.js. */
  officeRequests: () => number;
  /** Loads the pane and waits until it has fallen back to working on an uploaded workbook. */
  open: () => Promise<void>;
  close: () => Promise<void>;
}

/** `production`: build as `npm run build` does (~25-50 s), to measure what is shipped. */
export async function openPanePage(viewport = { width: 460, height: 900 }, options: { production?: boolean } = {}): Promise<PanePage> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does this)`);
  const outDir = mkdtempSync(join(tmpdir(), "addin-dist-"));
  // A development build is ~4 s and runs the same code.
  const mode = options.production ? ["--mode", "production"] : ["--mode", "development", "--no-devtool"];
  await promisify(execFile)(process.execPath, [require.resolve("webpack/bin/webpack.js"), ...mode, "--env", `outputPath=${outDir}`], { cwd: root });
  const server = await serve(outDir);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  let officeRequests = 0;
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error" && !/Failed to load resource/.test(m.text())) pageErrors.push(m.text());
  });
  // No Office here: block Office.js (and anything else off this server).
  await page.route(
    (url) => !url.href.startsWith(server.url),
    (route) => {
      if (route.request().url().includes("appsforoffice.microsoft.com")) officeRequests++;
      return route.abort();
    },
  );
  return {
    page,
    dist: outDir,
    pageErrors,
    officeRequests: () => officeRequests,
    open: async () => {
      await page.goto(`${server.url}/taskpane.html`);
      await page.getByRole("button", { name: "Open a workbook (.xlsx)…" }).waitFor();
    },
    close: async () => {
      await browser.close();
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
