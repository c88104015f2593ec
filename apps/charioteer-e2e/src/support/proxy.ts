import { createServer, connect, Server, Socket } from 'node:net';

export interface FlakyNetwork {
  /** Base URL that goes through the proxy. */
  baseUrl: string;
  /** Cuts every open connection now and refuses new ones until `restore()`. */
  drop(): void;
  restore(): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy in front of the server, so a test can really cut the browser's connections
 * mid-stream (connection reset, as when Wi-Fi drops), which `context.setOffline()` does not
 * do to a response already streaming.
 */
export function flakyNetwork(targetPort: number): Promise<FlakyNetwork> {
  const sockets = new Set<Socket>();
  let down = false;
  const server: Server = createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        baseUrl: `http://127.0.0.1:${port}`,
        drop: () => {
          down = true;
          for (const socket of sockets) socket.resetAndDestroy();
          sockets.clear();
        },
        restore: () => {
          down = false;
        },
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
