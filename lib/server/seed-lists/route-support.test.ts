import { describe, expect, it } from "vitest";
import { WorkBudgetExceeded } from "@/lib/shared/directory/work-budget";
import { inputOrErrorResponse } from "./route-support";
import { SourceError } from "./sources";

describe("answers for work on officer input", () => {
  it("answers input that ran out of its time budget with 413 and what to do", async () => {
    const res = inputOrErrorResponse(new WorkBudgetExceeded("Resolving this list", 10_000));
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: { type: "too_much_work", message: expect.stringMatching(/took longer than 10 seconds.*Split the list/) } });
  });

  it("answers unreadable input with 400 and its message", async () => {
    const res = inputOrErrorResponse(new SourceError("The pasted text: entry 1 is 2,000 characters long"));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { type: "invalid_request" } });
  });
});
