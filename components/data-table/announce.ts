/*
 * One polite live region for the whole page, so a copy button in each of 40 rendered rows does not
 * each carry its own.
 */
let region: HTMLElement | null = null;

export function announce(message: string): void {
  if (typeof document === "undefined") return;
  if (!region || !document.body.contains(region)) {
    region = document.createElement("div");
    region.setAttribute("role", "status");
    region.setAttribute("aria-live", "polite");
    region.className = "sr-only";
    document.body.appendChild(region);
  }
  region.textContent = "";
  // A new text node on the next frame: screen readers announce a repeated message too.
  requestAnimationFrame(() => {
    if (region) region.textContent = message;
  });
}
