import { describe, expect, it } from "vitest";
import { throwawayDatabase } from "@/lib/tools/testing/throwaway-stores";
import { EMBEDDED_SHARED_BUFFERS } from "./database";

/* The embedded database as this process runs it: its page cache is the size chosen in database.ts, after a restart too. */

const store = throwawayDatabase("embedded-settings-", []);

describe("the embedded database", () => {
  it("keeps the smaller page cache, on its first start and after a restart", async () => {
    expect(EMBEDDED_SHARED_BUFFERS).toBe("32MB");
    const show = async () => (await store.database.query<{ shared_buffers: string }>("show shared_buffers"))[0]!.shared_buffers;
    expect(await show()).toBe(EMBEDDED_SHARED_BUFFERS);
    await store.reopen();
    expect(await show()).toBe(EMBEDDED_SHARED_BUFFERS);
  });
});
