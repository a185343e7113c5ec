import { describe, expect, it } from "vitest";
import { formatAge, formatDate, formatDateTime, formatUtc, localDayEnd, localDayStart, parseTimestamp } from "./dates";

describe("upstream timestamps", () => {
  it("reads a timestamp without an offset as UTC, as the API means it", () => {
    expect(parseTimestamp("2025-03-12T18:22:41.123456")).toBe(Date.UTC(2025, 2, 12, 18, 22, 41, 123));
  });

  it("reads Z, +hh:mm and +hhmm offsets", () => {
    expect(parseTimestamp("2025-03-12T18:22:41Z")).toBe(Date.UTC(2025, 2, 12, 18, 22, 41));
    expect(parseTimestamp("2025-03-12T19:22:41+01:00")).toBe(Date.UTC(2025, 2, 12, 18, 22, 41));
    expect(parseTimestamp("2025-03-12T19:22:41+0100")).toBe(Date.UTC(2025, 2, 12, 18, 22, 41));
  });

  it("gives null for a missing or unreadable timestamp instead of a wrong date", () => {
    expect(parseTimestamp(null)).toBeNull();
    expect(parseTimestamp("")).toBeNull();
    expect(parseTimestamp("yesterday")).toBeNull();
  });
});

describe("dates shown to an officer", () => {
  const t = Date.UTC(2025, 2, 12, 23, 30, 5);

  it("shows the wall clock of the officer's time zone", () => {
    expect(formatDateTime(t, "UTC")).toBe("2025-03-12 23:30");
    expect(formatDateTime(t, "Europe/Berlin")).toBe("2025-03-13 00:30");
    expect(formatDate(t, "America/New_York")).toBe("2025-03-12");
  });

  it("keeps the UTC instant for the hover title", () => {
    expect(formatUtc(t)).toBe("2025-03-12 23:30:05 UTC");
  });

  it("says how old data is in words", () => {
    const now = 1_000_000_000_000;
    expect(formatAge(now - 10_000, now)).toBe("just now");
    expect(formatAge(now - 120_000, now)).toBe("2 min ago");
    expect(formatAge(now - 3 * 3_600_000, now)).toBe("3 h ago");
    expect(formatAge(now - 3 * 86_400_000, now)).toBe("3 days ago");
  });
});

describe("date-range filter days", () => {
  it("spans the whole local day, first to last millisecond", () => {
    const start = localDayStart("2025-03-12")!;
    const end = localDayEnd("2025-03-12")!;
    expect(new Date(start).getHours()).toBe(0);
    expect(new Date(start).getDate()).toBe(12);
    expect(new Date(end + 1).getDate()).toBe(13);
    expect(new Date(end + 1).getHours()).toBe(0);
  });

  it("refuses days that do not exist", () => {
    expect(localDayStart("2025-02-31")).toBeNull();
    expect(localDayStart("2025-3-1")).toBeNull();
    expect(localDayEnd("nope")).toBeNull();
  });
});
