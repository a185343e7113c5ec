import Link from "next/link";
import type { ComponentProps } from "react";

/*
 * A link inside a table row. It does not prefetch: a virtualised table mounts a new screenful of
 * rows on every keystroke, facet and scroll, and Next's prefetch of links in view sent a page
 * request for each (10 to 20 per keystroke on People), taking turns on the server with the
 * table's own query and on the main thread with drawing its rows. A click navigates as before.
 * No hooks: usable in a server-rendered first screen too.
 */
export function RowLink(props: Omit<ComponentProps<typeof Link>, "prefetch">) {
  return <Link {...props} prefetch={false} />;
}
