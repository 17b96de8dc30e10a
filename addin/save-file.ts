// Offers a file to save, as a download: a link to the file's bytes, clicked. Browsers, Excel on the
// web and Excel on Windows (Edge WebView2) save it; Excel on Mac's WebView does not (docs/addin.md).
export function saveFile(blob: Blob, name: string): void {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
}
