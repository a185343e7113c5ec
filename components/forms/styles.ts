/* The form controls' classes, shared by every form (seed lists, reconciliation) so they look alike. */
export const inputClass = "rounded border border-slate-300 px-2 text-sm";
export const buttonClass = "h-8 rounded border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50";
export const primaryClass = "h-8 rounded bg-brand-600 px-3 text-sm font-medium text-white hover:bg-brand-700 disabled:cursor-not-allowed disabled:opacity-50";
export const smallButtonClass = "inline-flex h-7 items-center rounded border border-slate-300 bg-white px-2 text-xs font-medium text-slate-800 hover:bg-slate-50";
