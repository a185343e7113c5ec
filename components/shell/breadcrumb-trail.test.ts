import { describe, expect, it } from "vitest";
import { breadcrumbTrail } from "./breadcrumb-trail";

const ORG = "91012d09-e48b-438e-a489-1bebfd8fa6f9";

describe("breadcrumbs", () => {
  it("names the organization, the role and the permission view", () => {
    const trail = breadcrumbTrail(`/organizations/${ORG}/roles/rbac_role_1/permissions`, {
      organization: () => "Acme",
      role: () => "Compliance Reviewer",
    });
    expect(trail).toEqual([
      { label: "Organizations", href: "/organizations" },
      { label: "Acme", href: `/organizations/${ORG}/users` },
      { label: "Roles", href: `/organizations/${ORG}/roles` },
      { label: "Compliance Reviewer", href: `/organizations/${ORG}/roles/rbac_role_1` },
      { label: "Permissions" },
    ]);
  });

  it("shows the id while the name is not known yet, and never links the current page", () => {
    expect(breadcrumbTrail(`/organizations/${ORG}/users`)).toEqual([
      { label: "Organizations", href: "/organizations" },
      { label: ORG, mono: true, href: `/organizations/${ORG}/users` },
      { label: "Users" },
    ]);
  });

  it("is just Overview at the root", () => {
    expect(breadcrumbTrail("/")).toEqual([{ label: "Overview" }]);
  });

  it("covers groups, people and pages it has no rule for", () => {
    expect(breadcrumbTrail("/groups/rbac_group_9", { group: () => "Engineering" })).toEqual([
      { label: "Groups", href: "/groups" },
      { label: "Engineering" },
    ]);
    expect(breadcrumbTrail("/seed-lists")).toEqual([{ label: "Seed lists" }]);
  });
});
