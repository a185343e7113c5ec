/* The generic data-table kit. See README.md beside this file for how a page uses it. */
import "./column-meta";

export type { CsvColumnSpec, FilterOption, FilterVariant } from "./column-meta";
export { columnIdOf, csvColumnsOf, searchColumn, SEARCH_COLUMN_ID, urlSpecFromColumns, withKitDefaults, type AnyColumnDef } from "./column-spec";
export { useDataTable, type DataTableController, type UseDataTableOptions } from "./use-data-table";
export { DataTable, type DataTableProps } from "./data-table";
export { DataTableToolbar } from "./data-table-toolbar";
export { DataTableCounts, type Noun } from "./data-table-counts";
export { DataTableCsvDialog } from "./data-table-csv-dialog";
export { DataTableColumnHeader } from "./data-table-column-header";
export { DataTableFacetedFilter } from "./data-table-faceted-filter";
export { DataTableDateRangeFilter } from "./data-table-date-range-filter";
export { DataTableViewOptions } from "./data-table-view-options";
export { WalkProgressLine } from "./walk-progress-line";
export { ErrorNotice } from "./error-notice";
export { selectColumn } from "./select-column";
export { IdCell, DateCell, CountCell } from "./cells";
export { CopyButton } from "./copy-button";
export { Popover } from "./popover";
export { matchingRows, selectedRows, setMatchingSelected, matchingSelection } from "./selection";
export { describeView } from "./describe-view";
export { parseSearch, extractIdsAndEmails, type SearchMatcher } from "../../lib/shared/data-table/search-query";
export { facetChoices, type FacetChoice } from "./facets";
export { multiValueFilter, dateRangeFilter, textFilter, globalSearchFilter, searchKeyFilter } from "./filter-fns";
