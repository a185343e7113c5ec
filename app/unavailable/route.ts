import { safeNextPath } from "@/lib/shared/session/next-path";

/*
 * GET /unavailable?next=<path>: where a dashboard page sends the officer when the database cannot
 * answer (requirePageSession). A route, not a page, so it can say 503 with retry-after; plain HTML
 * that needs neither the database nor a script. "Try again" goes back to the page they asked for.
 */

export const dynamic = "force-dynamic";

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function GET(request: Request): Response {
  const back = safeNextPath(new URL(request.url).searchParams.get("next"), "/");
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Database unavailable · Compliance Directory</title></head>
<body>
<main>
<h1>The dashboard's database is unavailable</h1>
<p>The dashboard cannot reach its database right now, so it cannot check your session or show the directory. Nothing was changed.</p>
<p>Try again in a minute. If it persists, tell the dashboard's operator: the server log says what the database answered.</p>
<p><a href="${escape(back)}">Try again</a></p>
</main>
</body>
</html>
`;
  return new Response(html, {
    status: 503,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "retry-after": "30" },
  });
}
