// Runs work as under a Content-Security-Policy without 'unsafe-eval' (Excel hosts may set one):
// new Function throws, as the browser's does, so the engine's generated code falls back to loops.
// Work that returns a promise has new Function refused until it settles.
export function withEvalRefused<T>(work: () => T): T {
  const real = globalThis.Function;
  const restore = () => void (globalThis.Function = real);
  globalThis.Function = function refused() {
    throw new EvalError("Refused to evaluate a string as JavaScript because 'unsafe-eval' is not an allowed source of script");
  } as unknown as FunctionConstructor;
  let result: T;
  try {
    result = work();
  } catch (e) {
    restore();
    throw e;
  }
  if (result instanceof Promise) return result.finally(restore) as T;
  restore();
  return result;
}
