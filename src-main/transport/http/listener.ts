import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { send } from './body';

export interface Listener {
  address: string;
  port: number;
  close(): Promise<void>;
}

/**
 * One address the server answers on (127.0.0.1 for the office, the review day's for reviewers).
 * Whatever goes wrong inside one request is that request's 500, never the listener's end; closing
 * ends its open connections (an event stream would otherwise keep it open).
 */
export async function listen(
  handle: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>,
  address: string,
  port: number,
): Promise<Listener> {
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (res.headersSent) res.destroy();
      else send(res, 500, '服务内部错误，请重试；如反复出现，请重启组委会工作台。');
    });
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => resolve());
  });
  return {
    address,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
