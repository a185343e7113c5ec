/* The browser's data layer: what pages import. */
export { ApiError, errorHeadline, isApiError, toApiError } from "./api-error";
export { fetchJson, postJson, readNdjson, request, withQuery } from "./request";
export * from "./compliance-queries";
export { getQueryClient, makeQueryClient } from "./query-client";
export { refreshAll, takeFreshFlag, useLastRefresh } from "./refresh";
export { useWalk, type Walk, type WalkStatus } from "./use-walk";
export { useWalkProgressVersion, useWalkSnapshot, walkProgress } from "./walk-progress";
export { walkQueryOptions, type WalkQueryOptions, type WalkResult } from "./walk-query";
export { walkPages, type WalkState } from "./walk-pages";
export { useAnyFetching, useOldestShownData } from "./use-data-freshness";
