// The pane's colours follow Office's theme (Office.context.officeTheme: dark in Excel's Black and
// Dark Gray themes), and outside Office the system's light or dark setting.
import { webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";

/** What the pane reads of Office.context.officeTheme. */
export type OfficeThemeColours = Partial<Pick<Office.OfficeTheme, "isDarkTheme" | "bodyBackgroundColor">>;

/** Relative luminance (WCAG) of "#RRGGBB", or null if it is not one. */
export function luminance(hex: string | undefined): number | null {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex?.trim() ?? "");
  if (!m) return null;
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(m[1].slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * Whether Office's theme is dark: its isDarkTheme where the host gives it, else from the pane's
 * background colour; null when Office gives no theme (outside Office).
 */
export function officeIsDark(theme: OfficeThemeColours | null | undefined): boolean | null {
  if (!theme) return null;
  if (typeof theme.isDarkTheme === "boolean") return theme.isDarkTheme;
  const l = luminance(theme.bodyBackgroundColor);
  return l === null ? null : l < 0.2;
}

export const paneTheme = (dark: boolean): Theme => (dark ? webDarkTheme : webLightTheme);
