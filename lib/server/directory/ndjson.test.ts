import { describe, expect, it } from "vitest";
import { StoreUnavailableError } from "@/lib/server/store/errors";
import { ndjsonResponse, type Line } from "./ndjson";

/*
 * The status of an NDJSON answer is decided by its first line: a store failure before anything was
 * sent is a plain 503 in the error shape; once a line is out, a failure can only be an error line.
 */

async function* from(lines: Line[], thenThrow?: unknown): AsyncGenerator<Line, void, undefined> {
  for (const l of lines) yield l;
  if (thenThrow) throw thenThrow;
}

const storeDown = { type: "error", error: { type: "store_unavailable", message: "The dashboard's database is unavailable right now." } };

describe("ndjsonResponse", () => {
  it("answers 503 when the first line is a store failure, and closes the lines", async () => {
    let closed = false;
    async function* lines(): AsyncGenerator<Line, void, undefined> {
      try {
        yield storeDown;
        yield { type: "done" };
      } finally {
        closed = true;
      }
    }
    const res = await ndjsonResponse(lines(), () => {});
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("30");
    expect(await res.json()).toEqual({ error: storeDown.error });
    expect(closed).toBe(true);
  });

  it("answers the error shape when the lines throw before the first one", async () => {
    const res = await ndjsonResponse(from([], new StoreUnavailableError("database error 08006")), () => {});
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { type: string } }).error.type).toBe("store_unavailable");
  });

  it("streams every line, the first included, when the failure comes later", async () => {
    const progress = { type: "progress", pages: 1 };
    const res = await ndjsonResponse(from([progress, storeDown]), () => {});
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/application\/x-ndjson/);
    expect((await res.text()).split("\n").filter(Boolean).map((l) => JSON.parse(l))).toEqual([progress, storeDown]);
  });

  it("keeps other first-line errors as a 200 stream with the error line", async () => {
    const notFound = { type: "error", error: { type: "sync_not_found", message: "There is no complete sync with that id." } };
    const res = await ndjsonResponse(from([notFound]), () => {});
    expect(res.status).toBe(200);
    expect(JSON.parse((await res.text()).trim())).toEqual(notFound);
  });
});
