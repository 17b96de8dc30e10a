// Starts the engine worker. webpack sees `new Worker(new URL(..., import.meta.url))` and builds
// engine-worker.ts (with the engine, but not React or Fluent UI) as a file of its own. Only the
// pane's entry imports this file: tests start the worker's service in-process instead.
export const spawnEngineWorker = (): Worker =>
  // @ts-expect-error TS1343: tsc checks addin/ as CommonJS, but webpack compiles it as ES modules, where import.meta is allowed
  new Worker(/* webpackChunkName: "engine-worker" */ new URL("./engine-worker.ts", import.meta.url));
