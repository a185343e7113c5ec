/*
 * Counts CSV records in a stream of text chunks, for the "rows so far" progress of a download
 * read with fetch(). Quote-aware: a newline inside a quoted name does not end a record. Expects
 * the CRLF (or LF) record endings csvRows writes.
 */
export class CsvRecordCounter {
  private quoted = false;
  private last = "";
  /** Complete records seen (the header included). */
  records = 0;

  feed(chunk: string): number {
    for (let i = 0; i < chunk.length; i++) {
      const ch = chunk[i]!;
      if (ch === '"') this.quoted = !this.quoted;
      else if (ch === "\n" && !this.quoted) this.records++;
      this.last = ch;
    }
    return this.records;
  }

  /** True when the text so far ends exactly at a record boundary. */
  get atRecordEnd(): boolean {
    return !this.quoted && this.last === "\n";
  }
}
