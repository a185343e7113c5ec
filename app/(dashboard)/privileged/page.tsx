import type { Metadata } from "next";
import { PrivilegedPage } from "@/components/privileged/privileged-page";

export const metadata: Metadata = { title: "Privileged access · Compliance Directory" };

export default function Page() {
  return <PrivilegedPage />;
}
