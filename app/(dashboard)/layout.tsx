import { connection } from "next/server";
import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { config } from "@/lib/server/config";
import { requirePageSession } from "@/lib/server/session/session";

/** Every dashboard page needs a session; without one the officer is sent to log in and brought back. */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  // Request time only: prerendering at `next build` would read runtime configuration (SESSION_SECRET...).
  await connection();
  const session = await requirePageSession();
  return <AppShell officer={{ name: session.officer.name, role: session.officer.role, mode: config().mode }}>{children}</AppShell>;
}
