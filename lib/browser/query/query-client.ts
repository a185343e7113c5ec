import { isServer, QueryClient } from "@tanstack/react-query";
import { isApiError } from "./api-error";

/*
 * One QueryClient per browser tab (a fresh one per server render, so officers never share a cache
 * in the server's memory). Lists are walked at the upstream's shared rate, so nothing refetches on
 * its own: data stays until it is five minutes old or the officer presses Refresh.
 */

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5 * 60_000,
        // On the server a timer would keep each render's client (and the request it served) alive
        // for the whole gcTime: under load that is a leak. Infinity schedules no timer there.
        gcTime: isServer ? Infinity : 30 * 60_000,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
        // The server retries the upstream itself; the browser only retries when the server could not be reached.
        retry: (failures, error) => failures < 1 && isApiError(error) && error.type === "network",
      },
    },
  });
}

let browserClient: QueryClient | undefined;

export function getQueryClient(): QueryClient {
  if (isServer) return makeQueryClient();
  browserClient ??= makeQueryClient();
  return browserClient;
}
