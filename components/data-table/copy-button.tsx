"use client";

import { useState } from "react";
import { announce } from "./announce";
import { CheckIcon, CopyIcon } from "./icons";

/** Clipboard write that also works on plain-http hosts, where navigator.clipboard is missing. */
async function writeClipboard(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the textarea route
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand("copy");
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

export function CopyButton({ value, label, text, className = "" }: { value: string; label: string; /** Visible text beside the icon. */ text?: string; className?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className={`inline-flex h-5 min-w-5 shrink-0 items-center justify-center gap-0.5 rounded text-slate-400 hover:bg-slate-100 hover:text-slate-700 ${className}`}
      aria-label={`Copy ${label}`}
      title={`Copy ${label}`}
      onClick={async (e) => {
        e.stopPropagation();
        const ok = await writeClipboard(value);
        announce(ok ? `Copied ${label}` : `Could not copy ${label}`);
        if (ok) {
          setCopied(true);
          setTimeout(() => setCopied(false), 1200);
        }
      }}
    >
      {text && <span className="text-slate-600">{text}</span>}
      {copied ? <CheckIcon className="h-3.5 w-3.5 text-emerald-600" /> : <CopyIcon />}
    </button>
  );
}
