import { describe, expect, it } from "vitest";
import { heldWorkCount, heldWorkSettled, holdShutdownFor } from "./held-work";

const flush = () => new Promise((r) => setImmediate(r));

describe("held work", () => {
  it("settles once everything held is done, including work held while waiting", async () => {
    let finishFirst!: () => void;
    let finishSecond!: () => void;
    const second = new Promise<void>((r) => (finishSecond = r));
    // The first piece, once done, starts a second (as a sync's housekeeping starts its reading).
    void holdShutdownFor(new Promise<void>((r) => (finishFirst = r)).then(() => void holdShutdownFor(second)));
    expect(heldWorkCount()).toBe(1);

    let settled = false;
    void heldWorkSettled().then(() => (settled = true));
    finishFirst();
    await flush();
    expect(heldWorkCount()).toBe(1);
    expect(settled).toBe(false);

    finishSecond();
    await flush();
    expect(settled).toBe(true);
    expect(heldWorkCount()).toBe(0);
  });

  it("counts a failure as done, and hands the caller the work's own outcome", async () => {
    const failing = holdShutdownFor(Promise.reject(new Error("no space")));
    await expect(failing).rejects.toThrow("no space");
    await heldWorkSettled();
    expect(heldWorkCount()).toBe(0);
    await expect(holdShutdownFor(Promise.resolve(7))).resolves.toBe(7);
  });
});
