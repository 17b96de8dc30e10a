// One side of the bench timed in a process of its own (forked by engine-bench.ts): its own heap
// and compiled code, as each would have in use, so no side's garbage, heap size or type feedback
// weighs on another's runs. It makes its side, runs it once to warm up, says "ready", then times
// one run each time it is asked (from a collected heap) and answers with the milliseconds.
import { makeSides, SIDE_NAMES, type SideName } from "./sides";

const name = process.argv[2] as SideName;
const rows = Number(process.argv[3]);
const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

async function main() {
  if (!SIDE_NAMES.includes(name) || !(rows > 0)) throw new Error(`side-process: no side '${name}' or no row count '${process.argv[3]}'`);
  const sides = makeSides(rows);
  const work = sides[name];
  await work();
  process.send!({ ready: true });
  process.on("message", async (m: { run?: boolean }) => {
    if (!m.run) return;
    collect();
    const start = performance.now();
    await work();
    process.send!({ ms: performance.now() - start });
  });
  process.on("disconnect", () => process.exit(0));
}

main().catch((e) => {
  console.error(String(e));
  process.exit(1);
});
