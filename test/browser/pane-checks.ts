// Checks the browser tests make of the pane as it is shown: axe-core's accessibility rules, no
// horizontal overflow (the page does not scroll sideways, and no element sticks out past the
// window unless a box that clips it does), and whether an element is in the window.
import { readFileSync } from "fs";
import type { Locator, Page } from "playwright-core";

const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core's violations on the page as it stands (every rule axe runs by default: WCAG 2 A and AA, and best practice), or in the part a selector picks. */
export async function axeViolations(page: Page, selector?: string): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: AXE });
  return page.evaluate(async (selector) => {
    const axe = (window as unknown as { axe: { run: (context: Document | Element, options: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary: string }[] }[] }> } }).axe;
    const { violations } = await axe.run(selector ? document.querySelector(selector)! : document, { resultTypes: ["violations"] });
    return violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary}`) }));
  }, selector);
}

/** How far the page scrolls sideways, and each element sticking out past the window's right or left edge that no clipping box holds in. */
export function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; clientWidth: number; sticking: string[] }> {
  return page.evaluate(() => {
    const root = document.scrollingElement!;
    const width = root.clientWidth;
    const heldIn = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== "visible") {
          const r = p.getBoundingClientRect();
          return r.left >= -0.5 && r.right <= width + 0.5;
        }
      }
      return false;
    };
    const sticking: string[] = [];
    for (const el of Array.from(document.querySelectorAll("body *"))) {
      const r = el.getBoundingClientRect();
      if (!r.width || !r.height) continue;
      if ((r.right > width + 0.5 || r.left < -0.5) && !heldIn(el)) {
        sticking.push(`<${el.tagName.toLowerCase()} class="${String((el as HTMLElement).className).slice(0, 40)}"> ${Math.round(r.left)}..${Math.round(r.right)}: ${(el.textContent ?? "").slice(0, 40)}`);
      }
    }
    return { scrollWidth: root.scrollWidth, clientWidth: width, sticking };
  });
}

/** Whether the element is wholly inside the window (vertically and horizontally). */
export function inViewport(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= document.scrollingElement!.clientWidth;
  });
}

/** Whether the focus is on the element or inside it. */
export const hasFocus = (locator: Locator) => locator.evaluate((el) => el === document.activeElement || el.contains(document.activeElement));
