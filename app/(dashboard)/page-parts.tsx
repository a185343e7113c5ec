import type { Metadata } from "next";
import { Suspense, type ComponentType, type ReactNode } from "react";

/** Every dashboard tab is titled "<page> · Compliance Directory". */
export function pageMetadata(title: string): Metadata {
  return { title: `${title} · Compliance Directory` };
}

/**
 * A page that is one client component reading the query string: Suspense lets the page render
 * before the query string is known.
 */
export function suspendedPage(Component: ComponentType): () => ReactNode {
  return function Page() {
    return (
      <Suspense>
        <Component />
      </Suspense>
    );
  };
}

/** A saved item's page (`/<kind>/[id]`): the id goes to the component as it came in the path. */
export function suspendedIdPage(
  Component: ComponentType<{ id: string }>,
  className: string,
): (props: { params: Promise<{ id: string }> }) => Promise<ReactNode> {
  return async function Page({ params }) {
    const { id } = await params;
    return (
      <div className={className}>
        <Suspense>
          <Component id={id} />
        </Suspense>
      </div>
    );
  };
}

/** A page's title and the sentence that says what it answers. */
export function PageHeading({
  title,
  className,
  descriptionClassName = "text-sm text-slate-600",
  children,
}: {
  title: string;
  className?: string;
  descriptionClassName?: string;
  children: ReactNode;
}) {
  return (
    <div className={className}>
      <h1 className="text-lg font-semibold text-slate-900">{title}</h1>
      <p className={descriptionClassName}>{children}</p>
    </div>
  );
}

/** A path segment decoded, or null when it is not valid percent-encoding (the page is then not found). */
export function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
