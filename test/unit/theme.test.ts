// The pane follows Office's theme: dark when Office says so, or, where a host gives no isDarkTheme,
// when its pane background is dark; no Office theme means the system's setting decides.
import { webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { luminance, officeIsDark, paneTheme } from "../../addin/theme";

describe("the pane's theme", () => {
  it("isDarkTheme when Office gives it", () => {
    expect(officeIsDark({ isDarkTheme: true, bodyBackgroundColor: "#FFFFFF" })).toBe(true);
    expect(officeIsDark({ isDarkTheme: false, bodyBackgroundColor: "#000000" })).toBe(false);
  });

  it("else the pane background's lightness: Excel's Black and Dark Gray are dark, White and Colorful light", () => {
    for (const dark of ["#000000", "#262626", "#444444", "#1F1F1F"]) expect(officeIsDark({ bodyBackgroundColor: dark })).toBe(true);
    for (const light of ["#FFFFFF", "#F3F3F3", "#E6E6E6"]) expect(officeIsDark({ bodyBackgroundColor: light })).toBe(false);
  });

  it("no theme, or one without colours, leaves it to the system", () => {
    expect(officeIsDark(undefined)).toBeNull();
    expect(officeIsDark(null)).toBeNull();
    expect(officeIsDark({})).toBeNull();
    expect(officeIsDark({ bodyBackgroundColor: "dark" })).toBeNull();
  });

  it("luminance of #RRGGBB", () => {
    expect(luminance("#FFFFFF")).toBeCloseTo(1);
    expect(luminance("#000000")).toBe(0);
    expect(luminance("FFC7CE")).toBeGreaterThan(0.6);
    expect(luminance("#FFF")).toBeNull();
  });

  it("Fluent's web themes", () => {
    expect(paneTheme(true)).toBe(webDarkTheme);
    expect(paneTheme(false)).toBe(webLightTheme);
  });
});
