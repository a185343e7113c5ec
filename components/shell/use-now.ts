import { useEffect, useState } from "react";

/** The current time, re-read every `intervalMs`: for "updated 2 min ago". 0 until mounted (no server/client mismatch). */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(0);
  useEffect(() => {
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}
