import { appErrorBodySchema } from "@/lib/compliance/schemas";
import { TABLE_DOWNLOAD_PATH, type TableDownloadRequest } from "@/lib/downloads/table-download";
import { redirectToLogin } from "@/lib/query/login-redirect";

/*
 * The browser's half of a server-built download (a table's rows, a reconciliation's lists): post
 * what to build, save the file the server built and audited. Nothing here writes a cell; a refusal
 * comes back as the server's message.
 */

export type TableDownloadFormat = TableDownloadRequest["format"];

function filenameOf(res: Response, fallback: string): string {
  const m = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "");
  return m?.[1] ?? fallback;
}

/** Resolves to the saved file's name; throws an Error whose message says what went wrong. */
export function saveTableDownload(body: TableDownloadRequest): Promise<string> {
  return postForFile(TABLE_DOWNLOAD_PATH, body, `${body.table}.${body.format}`);
}

/** POSTs `body` as JSON and saves the file the server answers with (its name from the server). */
export async function postForFile(path: string, body: unknown, fallbackName: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin",
      cache: "no-store",
    });
  } catch {
    throw new Error("No answer from the dashboard server. Check your network connection, then retry.");
  }
  if (!res.ok) {
    if (res.status === 401) redirectToLogin();
    const parsed = appErrorBodySchema.safeParse(await res.json().catch(() => undefined));
    throw new Error(parsed.success ? parsed.data.error.message : `The dashboard server answered HTTP ${res.status}. Retry; if it persists, check the server log.`);
  }
  const blob = await res.blob();
  const name = filenameOf(res, fallbackName);
  const url = URL.createObjectURL(blob);
  try {
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    a.rel = "noopener";
    document.body.appendChild(a);
    a.click();
    a.remove();
  } finally {
    // Revoke on the next tick: some browsers start the download asynchronously after click().
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
  return name;
}
