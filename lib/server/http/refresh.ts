import { REFRESH_HEADER } from "@/lib/shared/refresh-header";

/* The server's half of the Refresh header (lib/shared/refresh-header.ts). */
export { REFRESH_HEADER, refreshHeaders } from "@/lib/shared/refresh-header";

export function wantsFresh(request: Request): boolean {
  return request.headers.get(REFRESH_HEADER) === "1";
}
