import type { ReactNode } from "react";
import { AppHeader } from "./app-header";
import { AsOfBanner } from "./as-of-banner";
import { AsOfScope } from "./as-of-scope";
import { OfficerProvider, type OfficerInfo } from "./officer-context";
import { SideNav } from "./side-nav";

/**
 * The frame of every dashboard page: skip link, the one navigation, the header (breadcrumbs,
 * what the key reaches, freshness and Refresh, who is logged in, demo or live), and the page.
 * The page area fills the window so tables can scroll inside it with their header in view.
 * Everything sits in the AsOfScope: the page URL's `as_of` picks the sync every page shows.
 */
export function AppShell({ officer, children }: { officer: OfficerInfo; children: ReactNode }) {
  return (
    <OfficerProvider value={officer}>
      <AsOfScope>
        <a
          href="#main"
          className="sr-only z-50 rounded bg-white px-3 py-2 text-sm font-medium text-brand-900 shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
        >
          Skip to content
        </a>
        {/*
         * One grid for both columns: its first row is the header's height, so the navigation's title
         * block (a subgrid row) grows with the header when the header wraps to a second line, and
         * their bottom borders stay one line.
         */}
        <div className="grid h-screen min-w-[1024px] grid-cols-[11rem_minmax(0,1fr)] grid-rows-[auto_auto_minmax(0,1fr)] overflow-hidden print:block print:h-auto print:min-w-0 print:overflow-visible">
          <div className="contents print:hidden">
            <SideNav />
          </div>
          <div className="col-start-2 row-span-3 row-start-1 grid min-w-0 grid-rows-subgrid print:block">
            <div className="contents print:hidden">
              <AppHeader />
              <AsOfBanner />
            </div>
            <main id="main" tabIndex={-1} className="row-start-3 flex min-h-0 flex-col overflow-auto outline-none print:block print:overflow-visible">
              {/* Each page renders its interactive part in the browser only (app/(dashboard)/page-parts.tsx: ClientPart). */}
              {children}
            </main>
          </div>
        </div>
      </AsOfScope>
    </OfficerProvider>
  );
}
