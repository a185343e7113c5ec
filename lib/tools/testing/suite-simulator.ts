import { afterAll, beforeAll } from "vitest";
import { startSimulator, type SimulatorHandle, type SimulatorOptions } from "@/lib/tools/simulator/server";

/** A simulator for the surrounding describe (or file): started before its first test, closed after its last. */
export function suiteSimulator(opts: SimulatorOptions): { readonly sim: SimulatorHandle } {
  let sim: SimulatorHandle | undefined;
  beforeAll(async () => {
    sim = await startSimulator(opts);
  });
  afterAll(() => sim?.close());
  return {
    get sim() {
      if (!sim) throw new Error("The suite's simulator starts in beforeAll; use it inside a test.");
      return sim;
    },
  };
}
