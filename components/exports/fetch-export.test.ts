import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { startHttpStub, type HttpStub } from "@/lib/tools/testing/http-stub";
import { fetchExport, type ExportProgress } from "./fetch-export";

/*
 * The browser's download of an export, against a real HTTP server that ends bodies the way the
 * dashboard does: cleanly when complete, without the final chunk when the export was aborted.
 */

let stub: HttpStub;

const CSV = 'a,b\r\n1,"two\r\nlines"\r\n2,x\r\n';

let XLSX: Buffer;

beforeAll(async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("users").addRow(["a", "=1+1"]);
  XLSX = Buffer.from(await wb.xlsx.writeBuffer());
  stub = await startHttpStub((req, res) => {
    const csv = { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="users-2026-05-01.csv"' };
    switch (req.url) {
      case "/complete":
        res.writeHead(200, csv);
        res.write(CSV.slice(0, 9));
        res.end(CSV.slice(9));
        return;
      case "/aborted":
        // What the server does when the upstream fails mid-walk: rows out, then no clean end.
        res.writeHead(200, csv);
        res.write("a,b\r\n1,x\r\n", () => setTimeout(() => res.socket?.destroy(), 20));
        return;
      case "/cut-record":
        res.writeHead(200, csv);
        res.end('a,b\r\n1,"unfinished');
        return;
      case "/refused":
        res.writeHead(400, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { type: "invalid_request", message: 'org "x" is not an organization uuid.' } }));
        return;
      case "/slow":
        res.writeHead(200, csv);
        res.write("a,b\r\n1,x\r\n");
        return; // never ends on its own
      case "/ndjson":
        res.writeHead(200, { "content-type": "application/x-ndjson" });
        res.end('{"a":1}\n{"a":2}\n');
        return;
      case "/xlsx":
      case "/xlsx-cut": {
        res.writeHead(200, { "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "content-disposition": 'attachment; filename="users-2026-05-01.xlsx"' });
        const cut = req.url === "/xlsx-cut" ? 30 : 0;
        res.write(XLSX.subarray(0, 100));
        res.end(XLSX.subarray(100, XLSX.length - cut));
        return;
      }
      default:
        res.writeHead(404).end();
    }
  });
});
afterAll(() => stub.close());

const run = (path: string, format: "csv" | "ndjson" | "xlsx" = "csv", signal = new AbortController().signal, onProgress?: (p: ExportProgress) => void) =>
  fetchExport(`${stub.base}${path}`, { format, signal, onProgress });

describe("downloading an export in the browser", () => {
  it("offers a complete body as a file, counting data rows (a quoted newline is not a row) and bytes", async () => {
    const seen: ExportProgress[] = [];
    const out = await run("/complete", "csv", undefined, (p) => seen.push(p));
    expect(out).toMatchObject({ kind: "complete", rows: 2, bytes: Buffer.byteLength(CSV), filename: "users-2026-05-01.csv" });
    expect(out.kind === "complete" && (await out.blob.text())).toBe(CSV);
    expect(seen.length).toBeGreaterThan(0);
  });

  it("does not offer a body the server aborted: it is reported incomplete with what arrived", async () => {
    expect(await run("/aborted")).toEqual({ kind: "incomplete", rows: 1, bytes: 10 });
  });

  it("does not offer a body that ends inside a record", async () => {
    expect(await run("/cut-record")).toMatchObject({ kind: "incomplete" });
  });

  it("passes on the server's refusal with its message", async () => {
    const out = await run("/refused");
    expect(out.kind).toBe("refused");
    expect(out.kind === "refused" && out.error).toMatchObject({ type: "invalid_request", status: 400, message: expect.stringMatching(/not an organization uuid/) });
  });

  it("stops when cancelled and saves nothing", async () => {
    const ctl = new AbortController();
    const out = await run("/slow", "csv", ctl.signal, (p) => {
      if (p.rows === 1) ctl.abort();
    });
    expect(out).toMatchObject({ kind: "cancelled", rows: 1 });
  });

  it("counts NDJSON lines", async () => {
    expect(await run("/ndjson", "ndjson")).toMatchObject({ kind: "complete", rows: 2 });
  });

  it("offers a whole XLSX (its zip directory arrived) and not one cut short", async () => {
    const out = await run("/xlsx", "xlsx");
    expect(out).toMatchObject({ kind: "complete", bytes: XLSX.length, filename: "users-2026-05-01.xlsx" });
    expect(out.kind === "complete" && Buffer.from(await out.blob.arrayBuffer()).equals(XLSX)).toBe(true);
    expect(await run("/xlsx-cut", "xlsx")).toMatchObject({ kind: "incomplete", bytes: XLSX.length - 30 });
  });
});
