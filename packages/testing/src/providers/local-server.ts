/**
 * The HTTP plumbing the provider fakes share: a server on 127.0.0.1 and a free port whose
 * answers can be held back (for abort and timeout tests), closed with its pending answers and
 * open connections.
 *
 * @module
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running local server. */
export interface LocalServer {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Starts a server. `receive` runs as each request arrives (to record it) and returns how to
 * answer it; the answer is given after `delayMs()` milliseconds.
 */
export async function startLocalServer(
  receive: (req: IncomingMessage, res: ServerResponse) => () => void,
  delayMs: () => number,
): Promise<LocalServer> {
  const pending = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    const answer = receive(req, res);
    const delay = delayMs();
    if (delay === 0) return answer();
    const timer = setTimeout(() => {
      pending.delete(timer);
      answer();
    }, delay);
    pending.add(timer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of pending) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
