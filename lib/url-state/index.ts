export { writeSearchParams, type HistoryMode } from "./history";
export * from "./table-url-state";
export { useTableUrlState } from "./use-table-url-state";
export { useUrlParam } from "./use-url-param";
