import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { config, DEMO_PASSWORD, DEMO_USERNAME } from "@/lib/server/config";
import { safeNextPath } from "@/lib/shared/session/next-path";
import { getSession } from "@/lib/server/session/session";

export const metadata: Metadata = { title: "Log in · Compliance Directory" };
export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = safeNextPath(typeof params.next === "string" ? params.next : undefined);
  if (await getSession()) redirect(next);

  const cfg = config();
  const demo = cfg.mode === "demo" && cfg.users.length === 0 ? { username: DEMO_USERNAME, password: DEMO_PASSWORD } : undefined;

  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-50 px-4 py-12">
      <div className="w-full max-w-sm">
        <h1 className="text-center text-xl font-semibold text-slate-900">Compliance Directory</h1>
        <p className="mt-1 text-center text-sm text-slate-600">Log in to see who has access to what.</p>
        <LoginForm next={next} demo={demo} />
      </div>
    </main>
  );
}
