import { useId, type ReactNode } from "react";

/* One titled part of a page (a form, a result, a list of runs): a white box labelled by its heading. */

export function Panel({ title, aside, gap = "gap-2", children }: { title: ReactNode; aside?: ReactNode; gap?: "gap-2" | "gap-3"; children: ReactNode }) {
  const id = useId();
  const heading = (
    <h2 id={id} className="text-sm font-semibold text-slate-900">
      {title}
    </h2>
  );
  return (
    <section aria-labelledby={id} className={`flex flex-col ${gap} rounded border border-slate-200 bg-white p-3`}>
      {aside ? (
        <div className="flex items-center justify-between">
          {heading}
          {aside}
        </div>
      ) : (
        heading
      )}
      {children}
    </section>
  );
}
