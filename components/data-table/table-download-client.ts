import { TABLE_DOWNLOAD_PATH, type TableDownloadRequest } from "@/lib/shared/downloads/table-download";
import { postForFile } from "@/lib/browser/query/request";

/*
 * The browser's half of a server-built table download: post what to build, save the file the
 * server built and audited (lib/browser/query/request.ts). Nothing here writes a cell; a refusal comes
 * back as the server's message.
 */

export type TableDownloadFormat = TableDownloadRequest["format"];

/** Resolves to the saved file's name; throws an ApiError whose message says what went wrong. */
export function saveTableDownload(body: TableDownloadRequest): Promise<string> {
  return postForFile(TABLE_DOWNLOAD_PATH, body, `${body.table}.${body.format}`);
}
