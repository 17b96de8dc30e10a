// xl/sharedStrings.xml: the text of every t="s" cell, by index. Rich text is joined into one string;
// phonetic guides (rPh, the furigana above Japanese text) are not part of the text.
import { EL, scanPart, type XmlByteHandler } from "./xml-bytes";
import { ElementText } from "./xml-text";
import type { ZipEntry } from "./zip-read";

const { si: SI, t: T, rPh: RPH } = EL;

class SharedStrings implements XmlByteHandler {
  readonly strings: string[] = [];
  private readonly content = new ElementText();
  private inString = false;
  private inText = false;
  private phonetic = 0;

  constructor(private readonly part: string) {}

  open(id: number, _b: Uint8Array, _s: number, _e: number, selfClosing: boolean): void {
    if (id === SI) {
      this.content.clear();
      if (selfClosing) this.strings.push("");
      else this.inString = true;
    } else if (id === T && this.inString && this.phonetic === 0 && !selfClosing) this.inText = true;
    else if (id === RPH && this.inString && !selfClosing) this.phonetic++;
  }

  close(id: number): void {
    if (id === T) this.inText = false;
    else if (id === RPH && this.phonetic) this.phonetic--;
    else if (id === SI && this.inString) {
      this.strings.push(this.content.toCellText(this.part));
      this.inString = false;
    }
  }

  text(b: Uint8Array, start: number, end: number, cdata: boolean): void {
    if (this.inText) this.content.add(b, start, end, cdata);
  }
}

/** The shared strings of a workbook (none when it has no shared strings part). */
export function readSharedStrings(archive: Uint8Array, entry: ZipEntry | undefined): string[] {
  if (!entry) return [];
  const reader = new SharedStrings(entry.name);
  scanPart(archive, entry, reader);
  return reader.strings;
}
