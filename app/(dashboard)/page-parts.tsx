import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense, type ComponentType, type ReactNode } from "react";
import { ClientOnly } from "@/components/shell/client-only";
import { PageLoading } from "@/components/shell/page-loading";
import { searchParamsOf, type PageSearchParams } from "@/lib/server/first-screen/first-screen";

/** Every dashboard tab is titled "<page> · Compliance Directory". */
export function pageMetadata(title: string): Metadata {
  return { title: `${title} · Compliance Directory` };
}

/**
 * A page's interactive part, rendered in the browser only (see ClientOnly: it reads the tab's query
 * cache, which the server never sees). Until it has hydrated the page shows `firstScreen`, the
 * server's rendering of what it will show first (rows paint with the document), or "Loading…".
 * Suspense lets it render before the query string is known.
 */
export function ClientPart({ children, firstScreen }: { children: ReactNode; firstScreen?: ReactNode }) {
  return (
    <ClientOnly fallback={firstScreen ?? <PageLoading />}>
      <Suspense>{children}</Suspense>
    </ClientOnly>
  );
}

/**
 * A page whose first screen the server reads for its URL (lib/server/first-screen): `Shown` draws it
 * into the HTML, `Interactive` takes over once hydrated, starting from the same data.
 */
export function firstScreenPage<T>(
  load: (params: URLSearchParams) => Promise<T | null>,
  Shown: ComponentType<{ firstScreen: T }>,
  Interactive: ComponentType<{ firstScreen: T | null }>,
): (props: { searchParams: Promise<PageSearchParams> }) => Promise<ReactNode> {
  return async function Page({ searchParams }) {
    const firstScreen = await load(searchParamsOf(await searchParams));
    return (
      <ClientPart firstScreen={firstScreen ? <Shown firstScreen={firstScreen} /> : undefined}>
        <Interactive firstScreen={firstScreen} />
      </ClientPart>
    );
  };
}

/** A page that is one client component reading the query string. */
export function suspendedPage(Component: ComponentType): () => ReactNode {
  return function Page() {
    return (
      <ClientPart>
        <Component />
      </ClientPart>
    );
  };
}

/**
 * A saved item's page (`/<kind>/[id]`): an id of another shape is the dashboard's not-found page
 * (no request made for it); a well-formed one goes to the component as it came in the path.
 */
export function suspendedIdPage(
  Component: ComponentType<{ id: string }>,
  className: string,
  idPattern: RegExp,
): (props: { params: Promise<{ id: string }> }) => Promise<ReactNode> {
  return async function Page({ params }) {
    const { id } = await params;
    if (!idPattern.test(id)) notFound();
    return (
      <div className={className}>
        <ClientPart>
          <Component id={id} />
        </ClientPart>
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
