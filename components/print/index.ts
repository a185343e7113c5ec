export { PrintHeader, type PrintHeaderProps } from "./print-header";
export { PrintLayout, PrintTable, type PrintColumn } from "./print-table";
export { usePrinting } from "./use-printing";
