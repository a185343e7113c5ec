/** Path-id rules from CONTRACT.md, shared by the proxy routes, the pages and the simulator. */
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const RBAC_ID_RE = /^[A-Za-z0-9_-]{1,128}$/;
export const MAX_PAGE_TOKEN_LENGTH = 4096;
export const MAX_LIMIT = 1000;

export const isOrganizationUuid = (s: string) => UUID_RE.test(s);
export const isRbacId = (s: string) => RBAC_ID_RE.test(s);

/** The Activity Feed's `org_`-prefixed form of an organization uuid. */
export const orgPrefixedId = (uuid: string) => `org_${uuid}`;
