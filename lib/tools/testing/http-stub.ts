import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/*
 * A real HTTP server on a free loopback port for tests of the browser's requests (the request
 * module, export downloads): the handler answers as the test needs, including bodies cut short.
 */

export interface HttpStub {
  base: string;
  close: () => Promise<void>;
}

export async function startHttpStub(handler: RequestListener): Promise<HttpStub> {
  const server: Server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
