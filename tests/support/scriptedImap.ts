import net from 'node:net';

/**
 * A loopback IMAP endpoint that answers from a script. Used only for server behaviour Dovecot
 * cannot be configured to show: a server that never greets or stops answering (mail-timeout), and
 * one that writes its replies in GBK as QQ's servers may. Everything else is tested against Dovecot.
 */
export interface ScriptedImap {
  port: number;
  /** Command lines received, e.g. `A2 LOGIN …`. */
  received: string[];
  /** When the client connected, sent each line and hung up (ms since the epoch), as the server saw it. */
  seen: Array<{ at: number; what: 'connect' | 'line' | 'close' }>;
  close(): Promise<void>;
}

export type Answer = (tag: string, command: string) => Buffer[] | null;

export async function scriptedImap(greeting: Buffer | null, answer: Answer): Promise<ScriptedImap> {
  const received: string[] = [];
  const seen: ScriptedImap['seen'] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    seen.push({ at: Date.now(), what: 'connect' });
    socket.on('close', () => {
      sockets.delete(socket);
      seen.push({ at: Date.now(), what: 'close' });
    });
    socket.on('error', () => {});
    if (greeting) socket.write(greeting);
    let pending = '';
    socket.on('data', (chunk: Buffer) => {
      pending += chunk.toString('latin1');
      let end: number;
      while ((end = pending.indexOf('\r\n')) >= 0) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 2);
        received.push(line);
        seen.push({ at: Date.now(), what: 'line' });
        const [tag = '', command = ''] = line.split(' ');
        const reply = answer(tag, command.toUpperCase());
        if (reply) for (const part of reply) socket.write(part);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    received,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
