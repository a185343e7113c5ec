import { describe, expect, it } from "vitest";
import { CsvRecordCounter } from "./record-counter";
import { csvText } from "@/lib/shared/csv/write";

describe("counting CSV records for download progress", () => {
  it("counts records across chunk boundaries, not newlines inside quoted names", () => {
    const text = csvText(["h1", "h2"], [["a", "two\r\nlines"], ['"quoted"', "x"], ["b", "c"]]);
    const counter = new CsvRecordCounter();
    for (let i = 0; i < text.length; i += 3) counter.feed(text.slice(i, i + 3));
    expect(counter.records).toBe(4);
    expect(counter.atRecordEnd).toBe(true);
  });
});
