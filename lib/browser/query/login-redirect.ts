/*
 * A 401 from the app's own routes means the officer's session ended (idle, expired, logged out in
 * another tab). Send them to log in and come back to the view they were on.
 */
let redirecting = false;

export function redirectToLogin(): void {
  if (typeof window === "undefined" || redirecting) return;
  const here = window.location.pathname + window.location.search;
  if (window.location.pathname === "/login") return;
  redirecting = true;
  window.location.assign(here && here !== "/" ? `/login?next=${encodeURIComponent(here)}` : "/login");
}
