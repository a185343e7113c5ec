import "server-only";

/*
 * Concurrent identical upstream GETs share one call (issue 5): twenty officers opening the same
 * organization cost one request. A caller that aborts leaves the flight; the shared call is only
 * aborted when every caller has left. A Redis-backed implementation can replace this one behind
 * the same interface.
 */

export interface SingleFlight {
  run<T>(key: string, fn: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Calls in flight right now (for stats and tests). */
  size(): number;
}

interface Flight {
  promise: Promise<unknown>;
  controller: AbortController;
  joined: number;
}

export function createSingleFlight(): SingleFlight {
  const flights = new Map<string, Flight>();

  const leave = (key: string, flight: Flight, reason: unknown) => {
    flight.joined--;
    if (flight.joined === 0) {
      if (flights.get(key) === flight) flights.delete(key);
      flight.controller.abort(reason);
    }
  };

  return {
    size: () => flights.size,
    run<T>(key: string, fn: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
      if (signal?.aborted) return Promise.reject(signal.reason);
      let flight = flights.get(key);
      if (!flight) {
        const controller = new AbortController();
        const created: Flight = { controller, joined: 0, promise: Promise.resolve() };
        created.promise = (async () => fn(controller.signal))().finally(() => {
          if (flights.get(key) === created) flights.delete(key);
        });
        flights.set(key, created);
        flight = created;
      }
      const joinedFlight = flight;
      joinedFlight.joined++;
      return new Promise<T>((resolve, reject) => {
        let settled = false;
        const onAbort = () => {
          if (settled) return;
          settled = true;
          leave(key, joinedFlight, signal?.reason);
          reject(signal?.reason);
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        joinedFlight.promise.then(
          (value) => {
            if (settled) return;
            settled = true;
            signal?.removeEventListener("abort", onAbort);
            resolve(value as T);
          },
          (err: unknown) => {
            if (settled) return;
            settled = true;
            signal?.removeEventListener("abort", onAbort);
            reject(err);
          },
        );
      });
    },
  };
}
