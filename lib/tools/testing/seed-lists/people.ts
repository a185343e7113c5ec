import type { Organization } from "@/lib/shared/compliance/schemas";
import type { Person } from "@/lib/shared/directory/types";

/* A hand-made directory for unit tests: people with organizations, looked up like the snapshot. */

export function org(uuid: string, name: string): Organization {
  return { uuid, name, created_at: "2025-01-01T00:00:00Z" };
}

export function person(id: string, email: string, fullName: string, orgs: Organization[] = []): Person {
  return {
    id,
    email,
    fullName,
    memberships: orgs.map((o) => ({
      organization: o,
      organizationRole: "user",
      joinedAt: "2025-02-01T00:00:00Z",
      user: { id, email, full_name: fullName, created_at: "2025-02-01T00:00:00Z", organization_role: "user" },
    })),
    groups: [],
  };
}

export function lookupOf(people: Person[]) {
  const peopleByEmail = new Map<string, Person[]>();
  for (const p of people) {
    const k = p.email.trim().toLowerCase();
    peopleByEmail.set(k, [...(peopleByEmail.get(k) ?? []), p]);
  }
  return { peopleById: new Map(people.map((p) => [p.id, p])), peopleByEmail };
}
