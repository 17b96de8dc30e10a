/// <reference types="office-js" />
// The pane in Office's theme: dark when Office is (Office.context.officeTheme), and outside Office
// dark when the system is. Office gives no event for a theme change in Excel, so the theme is
// read again whenever the pane gets the focus back; the system's setting is followed as it changes.
import * as React from "react";
import { FluentProvider } from "@fluentui/react-components";
import { officeIsDark, paneTheme, type OfficeThemeColours } from "../theme";

function officeTheme(): OfficeThemeColours | null {
  try {
    return typeof Office === "undefined" ? null : (Office.context?.officeTheme ?? null);
  } catch {
    return null;
  }
}

const DARK_QUERY = "(prefers-color-scheme: dark)";

function useSystemDark(): boolean {
  const [dark, setDark] = React.useState(() => window.matchMedia?.(DARK_QUERY).matches ?? false);
  React.useEffect(() => {
    const query = window.matchMedia?.(DARK_QUERY);
    if (!query) return;
    const changed = () => setDark(query.matches);
    query.addEventListener("change", changed);
    return () => query.removeEventListener("change", changed);
  }, []);
  return dark;
}

export function ThemedPane(props: { children: React.ReactNode }) {
  const systemDark = useSystemDark();
  const [officeDark, setOfficeDark] = React.useState(() => officeIsDark(officeTheme()));
  React.useEffect(() => {
    const reread = () => setOfficeDark(officeIsDark(officeTheme()));
    window.addEventListener("focus", reread);
    return () => window.removeEventListener("focus", reread);
  }, []);
  const dark = officeDark ?? systemDark;
  const theme = paneTheme(dark);
  // The page around the pane, and the browser's own controls (scroll bars, the lists of a select).
  React.useEffect(() => {
    document.documentElement.style.colorScheme = dark ? "dark" : "light";
    document.body.style.backgroundColor = theme.colorNeutralBackground2;
  }, [dark, theme]);
  return (
    <FluentProvider theme={theme} data-theme={dark ? "dark" : "light"}>
      {props.children}
    </FluentProvider>
  );
}
