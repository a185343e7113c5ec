import "server-only";
import type Redis from "ioredis";
import { WINDOW_MARGIN_MS } from "./local-limiter";
import { SHARE_PAUSE_LUA, START_GATE_LUA } from "./start-gate.lua";

/*
 * The shared limiter's start gate, checked right before each start (after Bottleneck's spacing):
 * it holds starts while the shared pause is set (pauseUntil, from any instance), and keeps at most
 * `rps` starts in any one-second window on Redis's own clock, counted on actual starts rather than
 * Bottleneck's planned ones (a late timer on one host cannot bunch starts up). Each instance also
 * keeps its own starts within the window, the only record left when Redis loses its keys.
 */

/** An open answer names its stamp in the shared window, so a start that went out late can replace it. */
export type GateAnswer = { kind: "open"; member: string } | { kind: "paused"; ms: number } | { kind: "full"; ms: number };
export type OwnStart = { at: number };

export class StartGate {
  /** At most `windowCount` starts in any `windowMs`. */
  readonly windowCount: number;
  readonly windowMs: number;
  private readonly startsKey: string;
  private readonly pauseKey: string;
  /** This instance's starts (and reservations) through the cluster in the last window. */
  private ownStarts: OwnStart[] = [];

  constructor(id: string, rps: number) {
    this.windowCount = Math.max(1, Math.floor(rps));
    this.windowMs = Math.ceil((this.windowCount * 1000) / rps) + WINDOW_MARGIN_MS;
    this.startsKey = `throttle:${id}:starts`;
    this.pauseKey = `throttle:${id}:paused-until`;
  }

  /**
   * A place among this instance's own starts, or how long to wait for one: after Redis loses its
   * keys (restart without persistence, FLUSHALL) the shared record of the last second is gone.
   */
  reserveOwnStart(): OwnStart | number {
    const now = Date.now();
    this.ownStarts = this.ownStarts.filter((s) => s.at > now - this.windowMs);
    if (this.ownStarts.length >= this.windowCount) {
      return Math.min(...this.ownStarts.map((s) => s.at)) + this.windowMs - now + 1;
    }
    const slot = { at: now };
    this.ownStarts.push(slot);
    return slot;
  }

  releaseOwnStart(slot: OwnStart): void {
    this.ownStarts = this.ownStarts.filter((s) => s !== slot);
  }

  /**
   * Asks Redis for a start; an open gate has recorded it. `replacing`: the stamp of an earlier open
   * answer whose start did not go out in time, taken out before the window is checked again.
   */
  async pass(client: Redis, replacing?: string): Promise<GateAnswer> {
    const member = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const reply = (await client.eval(
      START_GATE_LUA,
      2,
      this.startsKey,
      this.pauseKey,
      String(this.windowMs),
      String(this.windowCount),
      member,
      ...(replacing ? [replacing] : []),
    )) as [number, number];
    const [kind, ms] = [Number(reply[0]), Number(reply[1])];
    if (kind === 0) return { kind: "open", member };
    if (kind === 1) return { kind: "paused", ms };
    if (kind === 2) return { kind: "full", ms };
    throw new Error(`unexpected start gate answer ${kind}`);
  }

  /** Holds every instance's starts for `ms` more (never shortens a longer pause). */
  async sharePause(client: Redis, ms: number): Promise<void> {
    await client.eval(SHARE_PAUSE_LUA, 1, this.pauseKey, String(Math.ceil(ms)));
  }
}
