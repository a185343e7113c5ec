"use client";

import { QueryClientProvider } from "@tanstack/react-query";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import type { ReactNode } from "react";
import { RowLinkNavigation } from "@/components/shell/row-link-navigation";
import { getQueryClient } from "@/lib/browser/query/query-client";

/** The browser's one QueryClient (a fresh one per server render), nuqs reading the URL through Next's router, and table links navigating in the app. */
export function Providers({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  return (
    <NuqsAdapter>
      <QueryClientProvider client={queryClient}>
        <RowLinkNavigation />
        {children}
      </QueryClientProvider>
    </NuqsAdapter>
  );
}
