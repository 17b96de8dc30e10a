/// <reference types="office-js" />
// Entry point. Office.js (loaded from Microsoft's CDN in the page head) calls Office.onReady;
// inside Excel the pane works on the open workbook, anywhere else (Office.js missing, blocked,
// or another host) it works on an uploaded .xlsx. The engine runs in a worker of its own. The pane
// follows Office's theme (or, outside Office, the system's), light or dark.
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { ThemedPane } from "./components/ThemedPane";
import { EngineWorker } from "./engine-client";
import { OfficePaneHost } from "./office-pane-host";
import { spawnEngineWorker } from "./spawn-engine-worker";

function render(mode: "office" | "browser") {
  const root = createRoot(document.getElementById("container")!);
  const engine = new EngineWorker(spawnEngineWorker);
  root.render(
    <ThemedPane>
      <App mode={mode} engine={engine} officeHost={mode === "office" ? new OfficePaneHost(engine) : undefined} />
    </ThemedPane>,
  );
}

if (typeof Office === "undefined") {
  render("browser");
} else {
  Office.onReady((info) => render(info.host === Office.HostType.Excel ? "office" : "browser"));
}
