import { isAscii } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });
const gb18030 = new TextDecoder('gb18030');
const HEADER_LINE = /^(?:[!-9;-~]+:|[ \t])/;

/**
 * Chinese mail clients sometimes put raw GBK bytes (not RFC 2047) in headers, which MIME parsers
 * read as Latin-1. Such header lines — in the message and in every part — are re-encoded as UTF-8,
 * one line at a time: `inHeaders` follows where the headers are (after a boundary line, until the
 * blank line that ends them).
 */
class LineRepair {
  private inHeaders = true;

  /** One line, its newline included. */
  line(bytes: Buffer): Buffer {
    const text = bytes.toString('latin1').replace(/\n$/, '');
    if (text === '' || text === '\r') {
      this.inHeaders = false;
      return bytes;
    }
    if (!this.inHeaders && text.startsWith('--')) {
      this.inHeaders = true;
      return bytes;
    }
    if (!this.inHeaders || isAscii(bytes) || !HEADER_LINE.test(text)) return bytes;
    try {
      fatalUtf8.decode(bytes);
      return bytes;
    } catch {
      return Buffer.from(gb18030.decode(bytes), 'utf8');
    }
  }
}

/** The same repair over a message held whole. */
export function repairRawHeaders(raw: Buffer): Buffer {
  if (isAscii(raw)) return raw;
  const repair = new LineRepair();
  const out: Buffer[] = [];
  for (let start = 0; start < raw.length;) {
    const end = raw.indexOf(10, start);
    const stop = end < 0 ? raw.length : end + 1;
    out.push(repair.line(raw.subarray(start, stop)));
    start = stop;
  }
  return Buffer.concat(out);
}

/** A line longer than this is body (a header line never is): passed through unrepaired, never held whole. */
const LONG_LINE = 1024 * 1024;

/** The same repair as a message streams past, holding at most one line of ordinary length. */
export class HeaderRepairStream extends Transform {
  private readonly repair = new LineRepair();
  private carry = Buffer.alloc(0);
  /** Inside a line too long to hold: the rest of it passes through as it comes. */
  private longLine = false;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    const data = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = Buffer.alloc(0);
    const out: Buffer[] = [];
    let start = 0;
    for (let end = data.indexOf(10); end >= 0; end = data.indexOf(10, start)) {
      const line = data.subarray(start, end + 1);
      out.push(this.longLine ? line : this.repair.line(line));
      this.longLine = false;
      start = end + 1;
    }
    const rest = data.subarray(start);
    if (this.longLine || rest.length > LONG_LINE) {
      out.push(rest);
      this.longLine = true;
    } else this.carry = Buffer.from(rest);
    callback(null, Buffer.concat(out));
  }

  override _flush(callback: TransformCallback): void {
    callback(null, this.longLine ? this.carry : this.repair.line(this.carry));
  }
}
