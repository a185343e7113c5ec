import { describe, expect, it } from "vitest";
import { People } from "./people";

describe("simulated people", () => {
  it("have distinct ids however many there are (the full benchmark's 150,000 and more)", () => {
    const people = new People("bench");
    const ids = new Set<string>();
    for (let i = 0; i < 200_000; i++) ids.add(people.at(i).id);
    expect(ids.size).toBe(200_000);
    expect([...ids].every((id) => /^user_01[0-9A-Za-z]{22}$/.test(id))).toBe(true);
  });
});
