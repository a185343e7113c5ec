import { PeopleFirstScreenView } from "@/components/people/people-first-screen";
import { PeoplePage } from "@/components/people/people-page";
import { peopleFirstScreen } from "@/lib/server/first-screen/people";
import { firstScreenPage, pageMetadata } from "../page-parts";

export const metadata = pageMetadata("People");

export default firstScreenPage(peopleFirstScreen, PeopleFirstScreenView, PeoplePage);
