import { CSV_CONTENT_TYPE, csvText, type CsvCell, type CsvTextOptions } from "./write";

/*
 * Browser table downloads. The text comes from csvText, so a table download and a server export of
 * the same rows are byte-identical (same quoting, same formula guard).
 */

export function csvBlob(header: readonly string[], rows: Iterable<readonly CsvCell[]>, opts: CsvTextOptions = {}): Blob {
  return new Blob([csvText(header, rows, opts)], { type: CSV_CONTENT_TYPE });
}

/** Saves a CSV file from the browser. Call only from an event handler in a client component. */
export function downloadCsv(filename: string, header: readonly string[], rows: Iterable<readonly CsvCell[]>, opts: CsvTextOptions = {}): void {
  const url = URL.createObjectURL(csvBlob(header, rows, opts));
  try {
    const a = document.createElement("a");
    a.href = url;
    a.download = filename;
    a.rel = "noopener";
    document.body.appendChild(a);
    a.click();
    a.remove();
  } finally {
    // Revoke on the next tick: some browsers start the download asynchronously after click().
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}
