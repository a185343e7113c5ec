import { describe, expect, it } from "vitest";
import { buildDirectory } from "@/lib/tools/simulator/directory";
import { peopleQueryFromParams } from "@/lib/shared/directory/people-query-wire";
import type { Directory } from "@/lib/shared/directory/types";
import { joinedSimulatorDirectory } from "@/lib/tools/testing/joined-directory";
import { answerPeopleQuery, peopleQueryIndexOf, preparePeopleQuery } from "./people-query";

/*
 * People's index built in slices after a load (preparePeopleQuery) against the same directory's
 * index built in one go: requests that arrive during the build share it and answer the same.
 */

const simulated = (): Directory => joinedSimulatorDirectory(buildDirectory({ seed: "people-prepare", orgs: 4, users: 3_000, groups: 12 }));

const query = (params: string) => {
  const parsed = peopleQueryFromParams(new URLSearchParams(params));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.query;
};
const QUERIES = ["ids=1", "q=a&ids=1", "sort=-email&ids=1&limit=20", "role=admin,owner&facets=1&ids=1", "q=smith&sort=name&offset=3&limit=5"];

describe("People's index prepared in slices", () => {
  it("every request arriving during the build waits for the one build and answers as the index built in one go does", async () => {
    const sliced = simulated();
    const inOneGo = simulated();
    const arriving = QUERIES.map(async (q) => {
      await preparePeopleQuery(sliced);
      return answerPeopleQuery(sliced, query(q));
    });
    const indexes = await Promise.all([peopleQueryIndexOf.ready(sliced), peopleQueryIndexOf.ready(sliced)]);
    expect(indexes[0]).toBe(indexes[1]);
    expect(peopleQueryIndexOf(sliced)).toBe(indexes[0]);
    const answers = await Promise.all(arriving);
    expect(answers.map((a) => a.matched).some((n) => n > 0)).toBe(true);
    expect(answers).toEqual(QUERIES.map((q) => answerPeopleQuery(inOneGo, query(q))));
  });

  it("a caller that needs the index at once during the slices finishes that same build", async () => {
    const directory = simulated();
    const pending = peopleQueryIndexOf.ready(directory);
    const now = peopleQueryIndexOf(directory);
    expect(await pending).toBe(now);
  });
});
