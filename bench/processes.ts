import { readdirSync, readFileSync, readlinkSync } from "node:fs";

/*
 * The app server's memory as the OS sees it: VmRSS from /proc/<pid>/status, summed over the
 * process listening on the app's port and every process it started.
 */

function read(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

function allPids(): number[] {
  return readdirSync("/proc").filter((n) => /^\d+$/.test(n)).map(Number);
}

/** The inode of the socket listening on a loopback TCP port (from /proc/net/tcp and tcp6). */
function listeningInode(port: number): string | undefined {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of (read(table) ?? "").split("\n").slice(1)) {
      const f = line.trim().split(/\s+/);
      // local_address is "ADDR:PORT"; state 0A is LISTEN; the inode is the tenth field.
      if (f[1]?.endsWith(`:${hexPort}`) && f[3] === "0A") return f[9];
    }
  }
  return undefined;
}

/**
 * The process listening on `port`: the app server. `next start` renames its process title
 * ("next-server (v…)"), so it is found by its socket rather than its command line.
 */
export function serverPidForPort(port: number): number | undefined {
  const inode = listeningInode(port);
  if (!inode) return undefined;
  const target = `socket:[${inode}]`;
  for (const pid of allPids()) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`) === target) return pid;
      } catch {
        // closed meanwhile
      }
    }
  }
  return undefined;
}

/** The fields of /proc/<pid>/stat from the third (state) on; undefined for a process that is gone. */
function statFields(pid: number): string[] | undefined {
  const stat = read(`/proc/${pid}/stat`);
  // The command name may hold spaces and parentheses: the fields after the last ")" are fixed.
  return stat ? stat.slice(stat.lastIndexOf(")") + 2).split(" ") : undefined;
}

function parentOf(pid: number): number | undefined {
  const fields = statFields(pid);
  return fields ? Number(fields[1]) : undefined;
}

export function processTree(root: number): number[] {
  const pids = allPids();
  const tree = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const pid of pids) {
      if (tree.has(pid)) continue;
      const parent = parentOf(pid);
      if (parent !== undefined && tree.has(parent)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  return [...tree];
}

/** Resident set size in bytes, summed over the processes. */
export function rssBytes(pids: readonly number[]): number {
  let kb = 0;
  for (const pid of pids) {
    const m = read(`/proc/${pid}/status`)?.match(/^VmRSS:\s+(\d+)\s+kB/m);
    if (m) kb += Number(m[1]);
  }
  return kb * 1024;
}

/** Samples the tree's RSS every `everyMs` until stopped; answers the peak. */
export function sampleRss(root: number, everyMs = 100): { stop(): { peakBytes: number; samples: number } } {
  let peak = 0;
  let samples = 0;
  let tree = processTree(root);
  let n = 0;
  const timer = setInterval(() => {
    // Workers may start later; look for new children now and then.
    if (++n % 20 === 0) tree = processTree(root);
    peak = Math.max(peak, rssBytes(tree));
    samples++;
  }, everyMs);
  peak = rssBytes(tree);
  return {
    stop: () => {
      clearInterval(timer);
      peak = Math.max(peak, rssBytes(tree));
      return { peakBytes: peak, samples };
    },
  };
}

/** CPU time used so far (user + system), in clock ticks, summed over the processes. */
export function cpuTicks(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    // utime and stime are fields 14 and 15.
    const fields = statFields(pid);
    if (fields) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks;
}

/** Linux's USER_HZ: /proc counts CPU time in hundredths of a second on every architecture Node runs on. */
const TICKS_PER_SECOND = 100;

/**
 * Waits until the tree has used under `share` of one core over a whole `windowMs` (work a start
 * leaves behind: reading the store, building indexes), or `timeoutMs` went by. Answers how long it
 * waited and whether it settled.
 */
export async function waitForIdleCpu(root: number, { share = 0.1, windowMs = 1_000, timeoutMs = 60_000 } = {}): Promise<{ waitedMs: number; settled: boolean }> {
  const started = performance.now();
  for (;;) {
    const tree = processTree(root);
    const before = cpuTicks(tree);
    await new Promise((r) => setTimeout(r, windowMs));
    const used = (cpuTicks(tree) - before) / TICKS_PER_SECOND;
    const waitedMs = performance.now() - started;
    if (used < share * (windowMs / 1000)) return { waitedMs, settled: true };
    if (waitedMs >= timeoutMs) return { waitedMs, settled: false };
  }
}
