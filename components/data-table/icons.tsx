import type { ReactNode } from "react";

/* The few glyphs the kit draws, inline so they need no icon package and inherit the text colour. */

type IconProps = { className?: string };

interface GlyphProps {
  className: string;
  /** 16 for the 16-unit line glyphs, 12 for the small chevrons and sort arrows. */
  grid: 12 | 16;
  /** Stroke width for line glyphs; none for filled shapes. */
  stroke?: number;
  children: ReactNode;
}

/** The one svg every glyph is drawn in: hidden from assistive tech, sized by class, in the text colour. */
function Glyph({ className, grid, stroke, children }: GlyphProps) {
  const paint = stroke === undefined ? { fill: "currentColor" } : { fill: "none", stroke: "currentColor", strokeWidth: String(stroke) };
  return (
    <svg aria-hidden="true" viewBox={`0 0 ${grid} ${grid}`} {...paint} className={`inline-block shrink-0 ${className}`}>
      {children}
    </svg>
  );
}

export function CopyIcon({ className = "h-3.5 w-3.5" }: IconProps) {
  return (
    <Glyph className={className} grid={16} stroke={1.5}>
      <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
      <path d="M10.5 3.5v-.5A1.5 1.5 0 0 0 9 1.5H3A1.5 1.5 0 0 0 1.5 3v6A1.5 1.5 0 0 0 3 10.5h.5" />
    </Glyph>
  );
}

export function CheckIcon({ className = "h-3.5 w-3.5" }: IconProps) {
  return <Glyph className={className} grid={16} stroke={2}><path d="M3 8.5l3 3 7-7" /></Glyph>;
}

export function SortIcon({ direction, className = "h-3 w-3" }: IconProps & { direction: "asc" | "desc" | false }) {
  return (
    <Glyph className={className} grid={12}>
      <path d="M6 1.5 9 5H3z" opacity={direction === "asc" ? 1 : 0.25} />
      <path d="M6 10.5 3 7h6z" opacity={direction === "desc" ? 1 : 0.25} />
    </Glyph>
  );
}

export function ChevronDownIcon({ className = "h-3 w-3" }: IconProps) {
  return <Glyph className={className} grid={12} stroke={1.5}><path d="M3 4.5 6 7.5 9 4.5" /></Glyph>;
}

export function DownloadIcon({ className = "h-3.5 w-3.5" }: IconProps) {
  return <Glyph className={className} grid={16} stroke={1.5}><path d="M8 2v8m0 0-3-3m3 3 3-3M2.5 12.5v1h11v-1" /></Glyph>;
}

export function RefreshIcon({ className = "h-3.5 w-3.5" }: IconProps) {
  return <Glyph className={className} grid={16} stroke={1.5}><path d="M13.5 8a5.5 5.5 0 1 1-1.6-3.9M13.5 2.5v3h-3" /></Glyph>;
}
