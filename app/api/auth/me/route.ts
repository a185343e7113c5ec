import { config } from "@/lib/server/config";
import { requireSession } from "@/lib/server/session/session";

export const dynamic = "force-dynamic";

/** Who is logged in, for the header: `{ name, role, mode }`. */
export async function GET(): Promise<Response> {
  const officer = await requireSession();
  if (officer instanceof Response) return officer;
  return Response.json(
    { name: officer.name, role: officer.role, mode: config().mode },
    { headers: { "cache-control": "no-store" } },
  );
}
