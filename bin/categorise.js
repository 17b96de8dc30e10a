#!/usr/bin/env node
// Entry point for `categorise`. Runs the compiled tool in build/ (npm run build:cli, which npm's
// prepare step runs on install) when it is there and no older than the TypeScript it was built
// from; otherwise (a fresh edit, or no build) runs cli/main.ts through tsx, which is slower to start.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..");
const compiled = path.join(root, "build", "cli", "main.js");
const SOURCES = ["cli", "engine", path.join("hosts", "file"), path.join("hosts", "xlsx-package")];

/** The newest modification time of the .ts files under a folder (0 if there are none). */
function newestSource(dir) {
  let newest = 0;
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith(".ts")) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

function compiledIsCurrent() {
  if (process.env.CATEGORISE_TSX) return false;
  let built;
  try {
    built = fs.statSync(compiled).mtimeMs;
  } catch {
    return false;
  }
  return SOURCES.every((dir) => newestSource(path.join(root, dir)) <= built);
}

const args = process.argv.slice(2);
// Output piped into a command that stops reading (categorise --help | head) ends the run quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e) => {
    if (e.code !== "EPIPE") throw e;
    process.exit(process.exitCode ?? 0);
  });
}
// Stack traces (--debug) point into the TypeScript, through the build's source maps.
if (args.includes("--debug") && process.setSourceMapsEnabled) process.setSourceMapsEnabled(true);
let main;
if (compiledIsCurrent()) {
  // Node 22+ keeps compiled code between runs.
  require("node:module").enableCompileCache?.();
  main = require(compiled).main;
} else {
  if (fs.existsSync(compiled) && !process.env.CATEGORISE_TSX && process.stderr.isTTY) {
    process.stderr.write("categorise: build/ is older than the TypeScript; running through tsx (npm run build:cli to start faster)\n");
  }
  require("tsx/cjs");
  main = require("../cli/main.ts").main;
}
main(args).then((code) => (process.exitCode = code));
