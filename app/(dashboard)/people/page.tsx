import { PeoplePage } from "@/components/people/people-page";
import { pageMetadata, suspendedPage } from "../page-parts";

export const metadata = pageMetadata("People");

// The table reads its view from the query string; Suspense lets the page render before that is known.
export default suspendedPage(PeoplePage);
