import os from 'node:os';

/** This machine's own IPv4 addresses on its networks: what a colleague's laptop in the room can reach. */
export function networkAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((a) => a && a.family === 'IPv4' && !a.internal)
    .map((a) => a!.address);
}

/**
 * Whether a review day may be served on this address: one of the machine's own, or another
 * loopback address (127.0.0.2 and the like, which stand in for the office network where there is
 * none — tests, a demonstration). Never 127.0.0.1, the office's own session, nor an address of
 * another machine.
 */
export function servesHere(address: string): boolean {
  if (networkAddresses().includes(address)) return true;
  return /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(address) && address !== '127.0.0.1';
}
