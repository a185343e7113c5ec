import { acceptJsonPost } from "@/lib/server/http/json-post";
import { errorResponse, jsonError } from "@/lib/server/http/error-response";
import { sessionRead } from "@/lib/server/http/session-read";
import { savedViewStore } from "@/lib/server/views/instance";
import { saveViewRequestSchema, viewPathSchema } from "@/lib/shared/views/schema";

/*
 * GET /api/views?path=/people: the saved views of one page, every officer's, newest first.
 * POST /api/views with `{ name, path, query }` (any officer, same-origin JSON): saves a view;
 * 201 with it. A view is only an address inside the app: no directory data is kept or handed out.
 */

export const dynamic = "force-dynamic";

export const GET = sessionRead(async (request) => {
  const path = viewPathSchema.safeParse(new URL(request.url).searchParams.get("path") ?? "");
  if (!path.success) return jsonError(400, "invalid_request", `path: ${path.error.issues[0]?.message ?? "give a page path, like /people"}`);
  return Response.json({ views: await savedViewStore().forPath(path.data) }, { headers: { "cache-control": "private, no-store" } });
});

export async function POST(request: Request): Promise<Response> {
  const post = await acceptJsonPost(request, saveViewRequestSchema, { purpose: "saving a view", maxBytes: 8192 });
  if (!post.ok) return post.response;
  try {
    const view = await savedViewStore().create({ ...post.data, createdBy: post.officer.name });
    return Response.json(view, { status: 201, headers: { "cache-control": "no-store" } });
  } catch (err) {
    return errorResponse(err);
  }
}
