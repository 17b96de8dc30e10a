// npm run dev-server: the task pane on https://localhost:3000 (webpack serve). Excel loads the pane
// only from a trusted https address, so office-addin-dev-certs makes a localhost certificate and
// installs it (with sudo on Linux and macOS, a security prompt on Windows). That step runs here
// first: when it fails (no sudo, no password, no administrator rights) the console says what to do
// in plain words, instead of webpack's stack trace.
//   npm run dev-server             https, the certificate installed first
//   npm run dev-server -- --http   plain http://localhost:3000, for the page in a browser (not Excel)
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const CERT_DIR = path.join(os.homedir(), ".office-addin-dev-certs");

export interface AdviceContext {
  platform: NodeJS.Platform;
  /** Whether this process runs as root (uid 0) on Linux or macOS. */
  root: boolean;
}

/** The failed certificate install, in plain words: why, and what to do next. */
export function certificateAdvice(error: unknown, { platform, root }: AdviceContext): string {
  const detail = error instanceof Error ? error.message : String(error);
  const noSudo = /sudo:.*not found/i.test(detail);
  const password = /password|terminal is required|a tty/i.test(detail);
  const ca = path.join(CERT_DIR, "ca.crt");
  const why = noSudo
    ? "installing it runs sudo, and this machine has no sudo."
    : password
      ? "installing it needs an administrator's password, and none could be asked for here."
      : `the installer said: ${detail.split("\n")[0].replace(/^Unable to install the CA certificate\.\s*/, "").trim() || "nothing more"}`;
  const sudo = root ? "" : "sudo ";
  const steps =
    platform === "linux"
      ? [
          "  1. Trust the certificate yourself (as an administrator), then run npm run dev-server again:",
          `       ${sudo}mkdir -p /usr/local/share/ca-certificates/office-addin-dev-certs`,
          `       ${sudo}cp ${ca} /usr/local/share/ca-certificates/office-addin-dev-certs/`,
          `       ${sudo}update-ca-certificates`,
          "     (Fedora and similar: copy it to /etc/pki/ca-trust/source/anchors/ and run update-ca-trust.)",
        ]
      : platform === "darwin"
        ? ["  1. In Terminal, run npx office-addin-dev-certs install and type your password when asked,", "     then run npm run dev-server again."]
        : platform === "win32"
          ? ["  1. Run npx office-addin-dev-certs install and answer Yes when Windows asks to install the", "     certificate, then run npm run dev-server again. If your IT team blocks it, ask them to."]
          : [`  1. This system (${platform}) is not one office-addin-dev-certs supports: trust ${ca} yourself.`];
  return [
    "",
    "npm run dev-server: the localhost certificate could not be installed, so Excel would not trust",
    "https://localhost:3000 and would not load the add-in.",
    `Why: ${why}`,
    "",
    "What to do (either):",
    ...steps,
    "  2. To use the page in a browser without Excel, serve it over plain http:",
    "       npm run dev-server -- --http      (then open http://localhost:3000/taskpane.html)",
    "     It works on uploaded workbooks; Excel itself loads add-ins only over https.",
    "",
  ].join("\n");
}

/** Makes and installs the certificate; undefined when done, else the advice to print. */
async function installCertificate(): Promise<string | undefined> {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when serving over https
    const devCerts = require("office-addin-dev-certs") as { getHttpsServerOptions: () => Promise<unknown> };
    await devCerts.getHttpsServerOptions();
    return undefined;
  } catch (e) {
    return certificateAdvice(e, { platform: process.platform, root: process.getuid?.() === 0 });
  }
}

async function run(): Promise<void> {
  const args = process.argv.slice(2);
  const http = args.includes("--http");
  const env = { ...process.env };
  // webpack.config.js serves plain http when CI is set.
  if (http) env.CI = "1";
  else {
    const advice = await installCertificate();
    if (advice) {
      console.error(advice);
      process.exit(1);
    }
  }
  const webpack = require.resolve("webpack/bin/webpack.js");
  if (!fs.existsSync(webpack)) throw new Error("webpack is not installed: run npm install");
  const child = spawn(process.execPath, [webpack, "serve", "--mode", "development", ...args.filter((a) => a !== "--http")], { stdio: "inherit", env });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (require.main === module) {
  run().catch((e) => {
    console.error(`npm run dev-server: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
