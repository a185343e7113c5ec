/* The few glyphs the kit draws, inline so they need no icon package and inherit the text colour. */

type IconProps = { className?: string };

const base = "inline-block shrink-0";

export function CopyIcon({ className = "h-3.5 w-3.5" }: IconProps) {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5" className={`${base} ${className}`}>
      <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
      <path d="M10.5 3.5v-.5A1.5 1.5 0 0 0 9 1.5H3A1.5 1.5 0 0 0 1.5 3v6A1.5 1.5 0 0 0 3 10.5h.5" />
    </svg>
  );
}

export function CheckIcon({ className = "h-3.5 w-3.5" }: IconProps) {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="2" className={`${base} ${className}`}>
      <path d="M3 8.5l3 3 7-7" />
    </svg>
  );
}

export function SortIcon({ direction, className = "h-3 w-3" }: IconProps & { direction: "asc" | "desc" | false }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 12 12" fill="currentColor" className={`${base} ${className}`}>
      <path d="M6 1.5 9 5H3z" opacity={direction === "asc" ? 1 : 0.25} />
      <path d="M6 10.5 3 7h6z" opacity={direction === "desc" ? 1 : 0.25} />
    </svg>
  );
}

export function ChevronDownIcon({ className = "h-3 w-3" }: IconProps) {
  return (
    <svg aria-hidden="true" viewBox="0 0 12 12" fill="none" stroke="currentColor" strokeWidth="1.5" className={`${base} ${className}`}>
      <path d="M3 4.5 6 7.5 9 4.5" />
    </svg>
  );
}

export function DownloadIcon({ className = "h-3.5 w-3.5" }: IconProps) {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5" className={`${base} ${className}`}>
      <path d="M8 2v8m0 0-3-3m3 3 3-3M2.5 12.5v1h11v-1" />
    </svg>
  );
}

export function RefreshIcon({ className = "h-3.5 w-3.5" }: IconProps) {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5" className={`${base} ${className}`}>
      <path d="M13.5 8a5.5 5.5 0 1 1-1.6-3.9M13.5 2.5v3h-3" />
    </svg>
  );
}
