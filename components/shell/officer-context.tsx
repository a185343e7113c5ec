"use client";

import { createContext, useContext, type ReactNode } from "react";

/** Who is logged in and against what: read once by the server layout, available to every page. */
export interface OfficerInfo {
  name: string;
  /** "viewer" sees the directory; "exporter" also downloads. */
  role: string;
  mode: "demo" | "live";
}

const OfficerContext = createContext<OfficerInfo | null>(null);

export function OfficerProvider({ value, children }: { value: OfficerInfo; children: ReactNode }) {
  return <OfficerContext.Provider value={value}>{children}</OfficerContext.Provider>;
}

export function useOfficer(): OfficerInfo | null {
  return useContext(OfficerContext);
}

/** Why this officer may not download, or undefined when they may. */
export function useExportDisabledReason(): string | undefined {
  const officer = useOfficer();
  if (officer && officer.role === "viewer") return "Downloads need the exporter role; you are logged in as a viewer.";
  return undefined;
}
