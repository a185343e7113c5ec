import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { afterEach, describe, expect, it } from "vitest";
import { PEOPLE_DEFAULT_SORT, type PeopleQueryAnswer, type PeopleQueryInput, type PeopleQueryRow } from "@/lib/shared/directory/people-query-wire";
import { narrowedWindowOf, peopleWindowQuery } from "./people-query";

/*
 * A keystroke's placeholder as the page's query observer hands it over: the narrowed window must
 * reach the page as the object narrowedWindowOf knows (else the counts read as final while the
 * server is still counting), made of the shown answer's own rows.
 */

const person = (name: string, i: number): PeopleQueryRow => ({
  id: `user_01${name}${i}`,
  email: `${name.toLowerCase()}${i}@acme.test`,
  full_name: `${name} ${i}`,
  memberships: [{ organization_uuid: "o1", organization: "Acme Legal", role: "user" }],
  groups: [],
  roles: [],
  actions: [],
  grants: [],
});

function answer(rows: PeopleQueryRow[], matched: number): PeopleQueryAnswer {
  return { sync: "sync_0000000000_000000000000", builtAt: 0, counts: { organizations: 1, people: matched, memberships: matched, groups: 0, groupMemberships: 0, roles: 0, peopleOutsideOrganizations: 0 }, total: matched, matched, offset: 0, rows };
}

const view = (q: string): PeopleQueryInput => ({ q, sort: PEOPLE_DEFAULT_SORT });
const never = () => new Promise<PeopleQueryAnswer>(() => {});

let client: QueryClient;
afterEach(() => client?.clear());

/** The observer's result after the search goes from `from` (answered with `shown`) to `q`, the server not having answered. */
function typed(shown: PeopleQueryAnswer, q: string, from = "") {
  client = new QueryClient();
  client.setQueryData(peopleWindowQuery(view(from), 0).queryKey, shown);
  const observer = new QueryObserver(client, { ...peopleWindowQuery(view(from), 0), queryFn: never });
  const unsubscribe = observer.subscribe(() => {});
  observer.setOptions({ ...peopleWindowQuery(view(q), 0), queryFn: never });
  const result = observer.getCurrentResult();
  unsubscribe();
  return result;
}

describe("People's window query while the server answers a keystroke", () => {
  const rows = [...["Ada", "Bob", "Cy"].map(person), person("Adam", 4)];

  it("hands over the narrowed window itself: its rows are the shown answer's, its count marked as incomplete", () => {
    const shown = answer(rows, 5_000);
    const result = typed(shown, "ad");
    expect(result.isPlaceholderData).toBe(true);
    expect(result.data!.rows).toHaveLength(2);
    expect(result.data!.rows[0]).toBe(rows[0]);
    expect(result.data!.rows[1]).toBe(rows[3]);
    expect(narrowedWindowOf(result.data)).toEqual({ answer: result.data, complete: false });
  });

  it("marks the count final when the shown window held every match", () => {
    const result = typed(answer(rows, rows.length), "bob");
    expect(result.data!.matched).toBe(1);
    expect(narrowedWindowOf(result.data)?.complete).toBe(true);
  });

  it("keeps the shown answer, not narrowed, for a view that does not narrow it", () => {
    const shown = answer(rows, 5_000);
    const result = typed(shown, "a", "ad");
    expect(result.isPlaceholderData).toBe(true);
    expect(result.data).toBe(shown);
    expect(narrowedWindowOf(result.data)).toBeUndefined();
  });
});
