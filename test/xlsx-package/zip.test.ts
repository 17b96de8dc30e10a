// The zip container: reading the central directory, copying entries compressed, writing new ones.
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { crc32, crc32Combine } from "../../hosts/xlsx-package/crc32";
import { entryBytes, readZip } from "../../hosts/xlsx-package/zip-read";
import { writeZip } from "../../hosts/xlsx-package/zip-write";
import { PackageError } from "../../hosts/xlsx-package";

const archive = zipSync({ "a.xml": strToU8("<a>" + "x".repeat(5000) + "</a>"), "folder/b.bin": [new Uint8Array([1, 2, 3]), { level: 0 }], "ünï.txt": strToU8("名前") });

describe("zip", () => {
  test("crc32 is the zip checksum, over one array or continued over pieces; crc32Combine joins two", () => {
    expect(crc32(strToU8("123456789"))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
    const data = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 2654435761) >>> 24);
    for (const cut of [0, 1, 7, 8, 9, 4096, 9999, 10_000]) {
      const [a, b] = [data.subarray(0, cut), data.subarray(cut)];
      expect(crc32(b, crc32(a))).toBe(crc32(data));
      expect(crc32Combine(crc32(a), crc32(b), b.length)).toBe(crc32(data));
    }
  });

  test("reads entries, deflated and stored, with UTF-8 names", () => {
    const entries = readZip(archive);
    expect(entries.map((e) => [e.name, e.method])).toEqual([["a.xml", 8], ["folder/b.bin", 0], ["ünï.txt", 8]]);
    expect(strFromU8(entryBytes(archive, entries[0]))).toHaveLength(5007);
    expect([...entryBytes(archive, entries[1])]).toEqual([1, 2, 3]);
    expect(strFromU8(entryBytes(archive, entries[2]))).toBe("名前");
  });

  test("copies kept entries compressed byte for byte, and writes new ones that any unzip reads", () => {
    const entries = readZip(archive);
    const out = writeZip(archive, [{ copy: entries[0] }, { name: "new/ü.xml", data: strToU8("<new/>") }, { copy: entries[2] }]);
    const again = readZip(out);
    expect(again.map((e) => e.name)).toEqual(["a.xml", "new/ü.xml", "ünï.txt"]);
    const raw = (b: Uint8Array, e: (typeof entries)[0]) => b.subarray(e.dataStart, e.dataStart + e.compressedSize);
    expect(raw(out, again[0])).toEqual(raw(archive, entries[0]));
    const files = unzipSync(out);
    expect(strFromU8(files["new/ü.xml"])).toBe("<new/>");
    expect(strFromU8(files["a.xml"])).toHaveLength(5007);
  });

  test("a file that is not a zip, an old .xls and a damaged zip say so in plain words", () => {
    expect(() => readZip(strToU8("URN,School\n1,Abbey\n"))).toThrow(/not an \.xlsx workbook.*save it as an Excel Workbook/);
    const xls = new Uint8Array(4096);
    xls.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(() => readZip(xls)).toThrow(/old \.xls workbook or a password-protected one/);
    const damaged = archive.slice();
    damaged.fill(0, 0, 40); // the first local header
    expect(() => readZip(damaged)).toThrow(PackageError);
    const corrupt = archive.slice();
    const first = readZip(archive)[0];
    corrupt.fill(0xff, first.dataStart, first.dataStart + 20);
    expect(() => entryBytes(corrupt, readZip(corrupt)[0])).toThrow(/damaged \(part a\.xml cannot be decompressed\)/);
  });
});
