import fs from 'node:fs';

/** A sink that writes an entry to a file synchronously (entries arrive in order, one at a time). */
export function fileSink(
  file: string,
  onClose?: () => void,
): { write(chunk: Buffer): void; close(): Promise<void>; discard(): void } {
  const fd = fs.openSync(file, 'w', 0o600);
  let open = true;
  return {
    write: (chunk) => {
      let offset = 0;
      while (offset < chunk.length) offset += fs.writeSync(fd, chunk, offset);
    },
    close: async () => {
      if (!open) return;
      open = false;
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      onClose?.();
    },
    discard: () => {
      if (open) fs.closeSync(fd);
      open = false;
      fs.rmSync(file, { force: true });
    },
  };
}
