import { expect } from "vitest";
import { UpstreamError } from "@/lib/server/upstream/errors";

/** The UpstreamError a promise rejects with; fails the test if it resolves or rejects with anything else. */
export async function caughtUpstreamError(p: Promise<unknown>): Promise<UpstreamError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(UpstreamError);
  return e as UpstreamError;
}
