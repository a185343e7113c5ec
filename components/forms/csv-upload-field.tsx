"use client";

import { useState } from "react";
import { classifyEntry } from "@/lib/shared/directory/entries";
import { countOf, formatCount } from "@/lib/browser/format/numbers";
import { columnLabel } from "@/lib/shared/seed-lists/input";
import { CsvFileInput, UploadProblem } from "./csv-file-input";
import { readUpload, type CsvUpload } from "./read-upload";

/*
 * Picking a CSV file (an HR export, a legal hold notice, a system of record's list) and the column
 * that holds the emails or user ids. The column whose values look like emails is chosen for the
 * officer; they see a sample of it and can pick another, and say whether the first row is a header.
 */

export interface CsvChoice {
  filename: string;
  base64: string;
  column: number;
  header: boolean;
  /** Data rows (the header not counted). */
  rows: number;
  columnName: string;
}

function choiceOf(u: CsvUpload, column: number, header: boolean): CsvChoice {
  const head = header ? (u.records[0] ?? []) : [];
  return { filename: u.filename, base64: u.base64, column, header, rows: u.records.length - (header ? 1 : 0), columnName: columnLabel(head, column) };
}

export function CsvUploadField({ label, onChange, pickColumn = true }: { label: string; onChange: (choice: CsvChoice | null) => void; pickColumn?: boolean }) {
  const [upload, setUpload] = useState<CsvUpload | null>(null);
  const [column, setColumn] = useState(0);
  const [header, setHeader] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);

  async function pick(file: File | undefined) {
    setError(null);
    setUpload(null);
    onChange(null);
    if (!file) return;
    setReading(true);
    try {
      const r = await readUpload(file);
      if (!r.ok) {
        setError(r.message);
        return;
      }
      const col = Math.max(0, r.upload.suggestion.index);
      setUpload(r.upload);
      setColumn(col);
      setHeader(r.upload.headerGuess);
      onChange(choiceOf(r.upload, col, r.upload.headerGuess));
    } finally {
      setReading(false);
    }
  }

  const width = upload ? Math.max(...upload.records.slice(0, 200).map((r) => r.length)) : 0;
  const head = upload && header ? (upload.records[0] ?? []) : [];
  const data = upload ? upload.records.slice(header ? 1 : 0) : [];
  const sample = data.slice(0, 5).map((r) => r[column] ?? "");
  const filled = data.filter((r) => (r[column] ?? "").trim() !== "");
  const readable = filled.filter((r) => ["email", "user_id"].includes(classifyEntry(r[column] ?? "").kind)).length;

  return (
    <div className="flex flex-col gap-2">
      <CsvFileInput label={label} onPick={(f) => void pick(f)}>
        <p className="mt-1 text-xs text-slate-500">CSV in UTF-8, up to 5 MB and 50,000 rows. Comma, semicolon or tab separated.</p>
      </CsvFileInput>
      {reading && <p className="text-xs text-slate-600">Reading the file…</p>}
      {error && <UploadProblem>{error}</UploadProblem>}
      {upload && pickColumn && (
        <div className="flex flex-col gap-1 rounded border border-slate-200 bg-slate-50 p-2 text-xs text-slate-700">
          <div className="flex flex-wrap items-center gap-3">
            <label className="inline-flex items-center gap-1">
              Column with the emails or user ids
              <select
                value={column}
                onChange={(e) => {
                  const c = Number(e.target.value);
                  setColumn(c);
                  onChange(choiceOf(upload, c, header));
                }}
                className="h-7 rounded border border-slate-300 bg-white px-1 text-xs"
              >
                {Array.from({ length: width }, (_, c) => (
                  <option key={c} value={c}>
                    {columnLabel(header ? head : [], c)}
                    {c === upload.suggestion.index ? " (suggested)" : ""}
                  </option>
                ))}
              </select>
            </label>
            <label className="inline-flex items-center gap-1">
              <input
                type="checkbox"
                checked={header}
                onChange={(e) => {
                  setHeader(e.target.checked);
                  onChange(choiceOf(upload, column, e.target.checked));
                }}
              />
              First row is a header
            </label>
          </div>
          <p>
            {upload.filename}: {countOf(data.length, "row")}; in this column {formatCount(readable)} read as emails or user ids
            {filled.length - readable > 0 ? `, ${formatCount(filled.length - readable)} do not` : ""}
            {data.length - filled.length > 0 ? `, ${formatCount(data.length - filled.length)} are blank` : ""}.
          </p>
          {sample.length > 0 && (
            <p className="truncate font-mono text-[11px] text-slate-600" title={sample.join("\n")}>
              First values: {sample.map((s) => s || "(blank)").join(", ")}
            </p>
          )}
        </div>
      )}
      {upload && !pickColumn && (
        <p className="text-xs text-slate-600">
          {upload.filename}: {countOf(upload.records.length, "record")}.
        </p>
      )}
    </div>
  );
}
