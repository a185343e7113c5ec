import { describe, expect, it } from "vitest";
import { readSeedListHandOff, SEED_LIST_HANDOFF_KEY } from "./handoff";

describe("the hand-off from another table to Seed lists", () => {
  it("reads ids from ?add= with the table's name", () => {
    expect(readSeedListHandOff(new URLSearchParams("add=user_a,%20user_b,&from=People"))).toEqual({ label: "People", ids: ["user_a", "user_b"] });
  });

  it("reads a long selection from sessionStorage, and ignores a damaged one", () => {
    const store = new Map([[SEED_LIST_HANDOFF_KEY, JSON.stringify({ label: "Group Legal", ids: ["user_a"] })]]);
    const storage = { getItem: (k: string) => store.get(k) ?? null };
    expect(readSeedListHandOff(new URLSearchParams("handoff=1"), storage)).toEqual({ label: "Group Legal", ids: ["user_a"] });
    store.set(SEED_LIST_HANDOFF_KEY, "{torn");
    expect(readSeedListHandOff(new URLSearchParams("handoff=1"), storage)).toBeNull();
    expect(readSeedListHandOff(new URLSearchParams(""), storage)).toBeNull();
  });
});
