#!/usr/bin/env node
// Entry point for `npx categorise`: runs the TypeScript command-line tool through tsx.
require("tsx/cjs");
const { main } = require("../cli/main.ts");
main(process.argv.slice(2)).then((code) => (process.exitCode = code));
