import { describe, expect, it } from "vitest";
import { endpointPath, ENDPOINTS, matchEndpoint, type EndpointName, type EndpointRef } from "./endpoints";

const IDS = { orgUuid: "91012d09-e48b-438e-a489-1bebfd8fa6f9", roleId: "rbac_role_1", groupId: "rbac_group_1" };
const refOf = (endpoint: EndpointName) => ({ endpoint, ...IDS }) as unknown as EndpointRef;

describe("the endpoint table", () => {
  it.each(Object.keys(ENDPOINTS) as EndpointName[])("%s: the path built from a request matches back to it, ids checked", (name) => {
    const path = endpointPath(refOf(name));
    const match = matchEndpoint(path.split("/"), { checkIds: true });
    expect(match).toMatchObject({ ok: true, endpoint: name });
    if (match.ok) for (const [param, value] of Object.entries(match.params)) expect(value).toBe(IDS[param as keyof typeof IDS]);
  });

  it("encodes ids as single path segments", () => {
    expect(endpointPath({ endpoint: "group", groupId: "a/b c" })).toBe("groups/a%2Fb%20c");
  });

  it("matches without checking ids when asked (the simulator answers those itself)", () => {
    expect(matchEndpoint(["organizations", "not-a-uuid", "users"])).toMatchObject({ ok: true, endpoint: "organizationUsers" });
    expect(matchEndpoint(["organizations", "not-a-uuid", "users"], { checkIds: true })).toMatchObject({ ok: false, status: 400 });
  });
});
