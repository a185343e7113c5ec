import type { AppServer } from "@/lib/tools/testing/app-server";
import { processTree, rssBytes, sampleRss, serverPidForPort } from "./processes";
import type { RemoteSimulator } from "./remote-simulator";
import type { ExportResult } from "./report";
import { MeasurementError, finite } from "./stats";
import { apiEntries } from "./windows";

/*
 * A CSV export through the app, streamed and counted: rows/s, the upstream calls it made (the
 * simulator's log) and the server's peak RSS. A non-200 answer, a cut stream or a row count other
 * than the directory's is a failed measurement.
 */

export async function timeCsvExport(a: AppServer, cookie: string, sim: RemoteSimulator, pathAndQuery: string, expectedRows: number): Promise<ExportResult> {
  const pid = serverPidForPort(a.port);
  if (!pid) throw new MeasurementError(`could not find the app server's process (port ${a.port})`);
  const rssBeforeBytes = rssBytes(processTree(pid));
  await sim.clearLog();
  const sampler = sampleRss(pid, 100);
  const t0 = performance.now();
  let newlines = 0;
  let bytes = 0;
  let rss = { peakBytes: 0, samples: 0 };
  try {
    const res = await fetch(`${a.url}${pathAndQuery}`, { headers: { cookie } });
    if (res.status !== 200 || !res.body) throw new MeasurementError(`${pathAndQuery} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        bytes += chunk.length;
        for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) newlines++;
      }
    } catch (err) {
      throw new MeasurementError(`${pathAndQuery}: the stream broke after ${bytes} bytes: ${(err as Error).message}`);
    }
  } finally {
    rss = sampler.stop();
  }
  const wallMs = performance.now() - t0;
  const rows = Math.max(0, newlines - 1); // minus the header
  if (rows !== expectedRows) throw new MeasurementError(`${pathAndQuery}: ${rows} rows, the directory has ${expectedRows}`);
  if (rss.peakBytes === 0 || rssBeforeBytes === 0) throw new MeasurementError(`${pathAndQuery}: the app server's memory could not be read (/proc/${pid}/status)`);
  return {
    rows,
    expectedRows,
    wallMs,
    rowsPerSecond: finite(`${pathAndQuery} rows/s`, rows / (wallMs / 1000)),
    calls: apiEntries(await sim.log()).length,
    peakRssBytes: rss.peakBytes,
    rssBeforeBytes,
    bytes,
  };
}
