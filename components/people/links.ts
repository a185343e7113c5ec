/* Where the People pages link to: the other directory pages, by the paths the navigation uses. */
const enc = encodeURIComponent;

export const personHref = (userId: string) => `/people/${enc(userId)}`;
export const organizationHref = (uuid: string) => `/organizations/${enc(uuid)}/users`;
export const roleHref = (orgUuid: string, roleId: string) => `/organizations/${enc(orgUuid)}/roles/${enc(roleId)}`;
export const groupHref = (groupId: string) => `/groups/${enc(groupId)}`;
export const compareHref = (a: string, b: string) => `/people/compare?a=${enc(a)}&b=${enc(b)}`;
