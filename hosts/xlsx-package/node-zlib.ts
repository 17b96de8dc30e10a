// Node's zlib where this code runs under Node (the command line, the tests): its CRC-32, deflate and
// inflate are native, several times faster than the TypeScript ones (and fflate's), which the page
// (no Node) uses. It is
// looked up when the module loads, never imported, so the page's bundle does not ask for it.

export interface NodeZlib {
  /** Node 20.15 and later. */
  crc32?: (data: Uint8Array, value?: number) => number;
  deflateRawSync(data: Uint8Array, options: { level: number; finishFlush?: number }): Uint8Array;
  inflateRawSync(data: Uint8Array, options: { maxOutputLength: number }): Uint8Array;
  constants: { Z_SYNC_FLUSH: number };
}

function lookUp(): NodeZlib | undefined {
  const p = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  try {
    const zlib = p?.getBuiltinModule?.("node:zlib") as NodeZlib | undefined;
    return zlib && typeof zlib.deflateRawSync === "function" && typeof zlib.inflateRawSync === "function" ? zlib : undefined;
  } catch {
    return undefined;
  }
}

export const nodeZlib: NodeZlib | undefined = lookUp();
