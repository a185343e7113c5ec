import { NotFoundView } from "@/components/shell/not-found-view";

/** A dashboard address whose id is not one (a bad user, group or organization id): inside the shell, with its navigation and search. */
export default function NotFound() {
  return <NotFoundView inShell />;
}
