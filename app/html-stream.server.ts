import { Transform } from "node:stream";

/**
 * React 18.3's streaming renderer can emit stray NUL bytes when a multi-byte
 * character (an em dash, "ë") straddles its 2 KB write buffer: it flushes the
 * whole buffer instead of the written part (fixed upstream in React 19,
 * facebook/react#26228). NUL never belongs in HTML — browsers drop it from text
 * and show U+FFFD in form fields — and in UTF-8 a 0x00 byte is never part of
 * another character, so dropping every NUL byte is safe. Loader data is JSON
 * with NUL escaped as \u0000, so text a user typed keeps its NULs there.
 */
export function dropNulBytes(chunk: Buffer): Buffer {
  if (chunk.indexOf(0) === -1) return chunk;
  const out = Buffer.allocUnsafe(chunk.length);
  let n = 0;
  for (const byte of chunk) if (byte !== 0) out[n++] = byte;
  return out.subarray(0, n);
}

export function nulFreeHtmlStream() {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, dropNulBytes(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)));
    },
  });
}
