import Link from "next/link";
import type { ComponentProps } from "react";

/**
 * The dashboard's link: next/link (a click navigates within the app) that does not prefetch. Every
 * dashboard page is rendered per request with no loading state, so a prefetch brought back only
 * the route's shape (230 to 280 bytes), at the cost of one or two requests through the session
 * check for each link in view: 65 when the organizations overview opened, 42 on a roles page, 20
 * on People (the navigation alone), repeated on every page load by every officer. A click asks for
 * the page then, as it did anyway.
 */
export function AppLink(props: ComponentProps<typeof Link>) {
  return <Link prefetch={false} {...props} />;
}
