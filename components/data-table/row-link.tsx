import type { AnchorHTMLAttributes } from "react";

/*
 * A link inside a table row: a plain anchor, navigated in the app by one listener for the whole
 * page (components/shell/row-link-navigation.tsx), not a next/link each. A table draws a new
 * screenful of rows on every keystroke, facet and scroll, two or three links a row; next/link gives
 * each a ref, hooks and a registration with the router (and a prefetch: 10 to 20 page requests a
 * keystroke on People when it did), which was a good part of drawing a row. A click still
 * navigates within the app; a modified click opens a tab as any link does. No hooks: usable in a
 * server-rendered first screen too, where it is an ordinary link until the page is interactive.
 */

export const ROW_LINK_ATTRIBUTE = "data-row-link";

export function RowLink({ href, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  return <a href={href} {...{ [ROW_LINK_ATTRIBUTE]: "" }} {...rest} />;
}
