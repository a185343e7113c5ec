import type { UseQueryResult } from "@tanstack/react-query";
import { shownError } from "./api-error";
import type { Walk } from "./use-walk";

const noop = () => {};

/**
 * A list that came in one answer (a whole-tree route), seen as a walk, for the tables and progress
 * lines that take one: complete once it has arrived; a failed refresh keeps it, with the error.
 */
export function answerWalk<T>(query: Pick<UseQueryResult<unknown>, "data" | "error" | "dataUpdatedAt" | "refetch">, rows: T[]): Walk<T> {
  const error = shownError(query.error);
  const arrived = query.data !== undefined;
  return {
    status: arrived ? "complete" : error ? "error" : "loading",
    rows,
    loaded: rows.length,
    pages: arrived ? 1 : 0,
    error,
    refreshing: false,
    updatedAt: query.dataUpdatedAt,
    cancel: noop,
    resume: () => void query.refetch(),
  };
}
