import { connection } from "next/server";
import { NotFoundView } from "@/components/shell/not-found-view";

/**
 * An address no route matches. Rendered per request: Next puts the request's script nonce on a
 * page it renders then, and the content security policy refused every script of the 404 it had
 * prerendered at build time (no nonce).
 */
export default async function NotFound() {
  await connection();
  return (
    <main className="flex min-h-screen items-start justify-center bg-slate-50 p-8">
      <div className="rounded border border-slate-200 bg-white">
        <NotFoundView />
      </div>
    </main>
  );
}
