import type { Permission, Role } from "@/lib/shared/compliance/schemas";
import { ROLE_TEMPLATES, SYSTEM_ROLES } from "./names";
import { rngFor, type Rng } from "./random";
import { END_MS, isoSeconds } from "./time";

/*
 * RBAC roles and their permissions for one organization. Built-in roles come first and carry no
 * timestamps (as upstream returns them); custom roles follow in creation order.
 */

export interface OrgRoles {
  roles: Role[];
  /** Permissions by role id, in the order the API lists them. */
  permissions: Map<string, Permission[]>;
}

/** One organization in every tree holds a role with more permissions than one page carries. */
export const BIG_ROLE_NAME = "All-Projects Auditor";
export const BIG_ROLE_PROJECTS = 350;
const BIG_ROLE_ACTIONS = ["projects:read", "projects:export", "chats:read"] as const;

export const roleId = (rng: Rng) => `rbac_role_01${rng.base62(23)}`;
export const projectId = (rng: Rng) => `claude_proj_01${rng.base62(22)}`;
const workspaceId = (rng: Rng) => `wrkspc_01${rng.base62(22)}`;

export function permissionsFor(grants: readonly string[], orgUuid: string, rng: Rng): Permission[] {
  const out: Permission[] = [];
  for (const action of grants) {
    const family = action.split(":")[0];
    const scoped = family === "projects" || family === "chats" || family === "files" || family === "workspaces" || family === "usage";
    if (!scoped || rng.chance(0.55)) {
      // The live API sends the organization's id as a string here, never null (API.md). The draw
      // stays so that the rest of the tree is what it was.
      rng.chance(0.3);
      out.push({ action, resource_id: orgUuid, resource_type: "organization" });
      continue;
    }
    const workspace = family === "workspaces" || family === "usage";
    for (let i = rng.int(1, 4); i > 0; i--) {
      out.push(
        workspace
          ? { action, resource_id: workspaceId(rng), resource_type: "workspace" }
          : { action, resource_id: projectId(rng), resource_type: "project" },
      );
    }
  }
  return out;
}

export function generateRoles(seed: string, orgIndex: number, orgUuid: string, orgCreatedMs: number): OrgRoles {
  const rng = rngFor(seed, "roles", orgIndex);
  const count = rng.int(5, 12);
  const roles: Role[] = [];
  const permissions = new Map<string, Permission[]>();

  for (const t of SYSTEM_ROLES) {
    const id = roleId(rng);
    roles.push({ id, name: t.name, description: t.description, created_at: null, updated_at: null });
    permissions.set(id, permissionsFor(t.grants, orgUuid, rng));
  }

  const templates = rng.shuffle(ROLE_TEMPLATES).slice(0, count - SYSTEM_ROLES.length);
  const times = templates.map(() => orgCreatedMs + rng.next() * (END_MS - orgCreatedMs)).sort((a, b) => a - b);
  templates.forEach((t, i) => {
    const id = roleId(rng);
    const created = times[i] as number;
    const updated = rng.chance(0.1) ? null : isoSeconds(created + rng.next() * (END_MS - created));
    const big = orgIndex === 0 && i === templates.length - 1;
    roles.push({
      id,
      name: big ? BIG_ROLE_NAME : t.name,
      description: big ? "Reads and exports every project, for the annual audit." : t.description,
      created_at: isoSeconds(created),
      updated_at: updated,
    });
    if (big) {
      const perms: Permission[] = [];
      for (let p = 0; p < BIG_ROLE_PROJECTS; p++) {
        const project = projectId(rng);
        for (const action of BIG_ROLE_ACTIONS) perms.push({ action, resource_id: project, resource_type: "project" });
      }
      permissions.set(id, perms);
    } else {
      permissions.set(id, permissionsFor(t.grants, orgUuid, rng));
    }
  });
  return { roles, permissions };
}
