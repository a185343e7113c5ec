import { useMutation, type UseMutationOptions } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { type ApiError, shownError } from "./api-error";

/*
 * A write the officer starts (resolve, save, reconcile, run again, export) as a TanStack mutation
 * that can be cancelled: starting it again or leaving the page aborts the request under way, and a
 * cancelled request is not an error to show (`error` is the ApiError to show, or null).
 * `shown` is the last answer that arrived: it stays on screen while the next run is under way and
 * after one fails, and goes only with `reset()` (the input it answered changed).
 */

export function useCancellableMutation<TData, TVariables = void>(
  mutationFn: (variables: TVariables, signal: AbortSignal) => Promise<TData>,
  options: Omit<UseMutationOptions<TData, Error, TVariables>, "mutationFn"> = {},
) {
  const controller = useRef<AbortController | null>(null);
  const [kept, setKept] = useState<TData | undefined>(undefined);
  const mutation = useMutation<TData, Error, TVariables>({
    ...options,
    onSuccess: (...args) => {
      setKept(args[0]);
      return options.onSuccess?.(...args);
    },
    mutationFn: (variables) => {
      controller.current?.abort();
      const ctl = new AbortController();
      controller.current = ctl;
      return mutationFn(variables, ctl.signal).finally(() => {
        if (controller.current === ctl) controller.current = null;
      });
    },
  });
  useEffect(() => () => controller.current?.abort(), []);
  const cancel = useCallback(() => controller.current?.abort(), []);
  const error: ApiError | null = shownError(mutation.error);
  const { reset: resetMutation } = mutation;
  const reset = useCallback(() => {
    setKept(undefined);
    resetMutation();
  }, [resetMutation]);
  return { ...mutation, reset, cancel, error, shown: mutation.data ?? kept };
}
