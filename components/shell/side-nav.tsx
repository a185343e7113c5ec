"use client";

import { AppLink } from "./app-link";
import { usePathname } from "next/navigation";
import { navItemsFor } from "./nav-items";
import { useOfficer } from "./officer-context";

export function SideNav() {
  const pathname = usePathname();
  const items = navItemsFor(useOfficer()?.role);
  return (
    <nav aria-label="Main" className="col-start-1 row-span-3 row-start-1 grid grid-rows-subgrid border-r border-slate-200 bg-slate-50">
      {/* The app shell's first row: as tall as the header, however many lines the header takes. */}
      <div className="flex min-h-11 items-center border-b border-slate-200 px-3">
        <AppLink href="/" className="text-sm font-semibold tracking-tight text-brand-900">
          Compliance Directory
        </AppLink>
      </div>
      <ul className="row-span-2 flex flex-col gap-0.5 overflow-auto p-2 text-sm">
        {items.map((item) => {
          const active = item.match(pathname);
          return (
            <li key={item.href}>
              <AppLink
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={`block rounded px-2 py-1.5 ${active ? "bg-brand-100 font-medium text-brand-900" : "text-slate-700 hover:bg-slate-200/60 hover:text-slate-900"}`}
              >
                {item.label}
              </AppLink>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
