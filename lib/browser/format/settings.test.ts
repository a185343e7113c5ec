import { describe, expect, it } from "vitest";
import { formatProvisioningMode, formatRetention, formatRetentionPeriod, formatSessionDuration } from "./settings";

describe("settings in plain words", () => {
  it("says retention per data type, and what an empty map means", () => {
    expect(formatRetention({ all: { type: "fixed", duration: 30, timescale: "day" } })).toEqual(["all data: 30 days"]);
    expect(formatRetention({})).toEqual(["no limit"]);
    expect(formatRetention({ chats: { type: "indefinite" }, project_files: { type: "fixed", duration: 1, timescale: "month" } })).toEqual([
      "chats: indefinite",
      "project files: 1 month",
    ]);
  });

  it("keeps a retention form it does not know readable instead of hiding it", () => {
    expect(formatRetentionPeriod({ type: "rolling", weeks: 2 })).toBe('{"type":"rolling","weeks":2}');
    // The live API may leave out the inner type, and key the map `chat`.
    expect(formatRetention({ chat: { duration: 90, timescale: "day" } })).toEqual(["chat: 90 days"]);
  });

  it("names provisioning modes, and shows a new one as sent", () => {
    expect(formatProvisioningMode("scim_advanced")).toBe("SCIM advanced");
    expect(formatProvisioningMode("magic_link")).toBe("magic_link");
  });

  it("gives session durations in hours or days, null as no limit", () => {
    expect(formatSessionDuration(null)).toBe("no limit");
    expect(formatSessionDuration(8 * 3600)).toBe("8 hours");
    expect(formatSessionDuration(30 * 86400)).toBe("30 days");
  });
});
