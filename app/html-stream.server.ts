import { Writable } from "node:stream";

/**
 * React 18.3's streaming renderer can emit stray NUL bytes when a multi-byte
 * character (an em dash, "ë") straddles its 2 KB write buffer: it flushes the
 * whole buffer instead of the written part (fixed upstream in React 19,
 * facebook/react#26228). NUL never belongs in HTML — browsers drop it from text
 * and show U+FFFD in form fields — and in UTF-8 a 0x00 byte is never part of
 * another character, so dropping every NUL byte is safe. Loader data is JSON
 * with NUL escaped as \u0000, so text a user typed keeps its NULs there.
 */
export function dropNulBytes(html: Buffer<ArrayBuffer>): Buffer<ArrayBuffer> {
  let nul = html.indexOf(0);
  if (nul === -1) return html;
  // A page has a few NULs in tens of kilobytes: copy the runs between them
  // natively instead of walking every byte in JavaScript (~0.3 ms a page).
  const out = Buffer.allocUnsafe(html.length);
  let n = 0;
  let from = 0;
  while (nul !== -1) {
    n += html.copy(out, n, from, nul);
    from = nul + 1;
    nul = html.indexOf(0, from);
  }
  n += html.copy(out, n, from);
  return out.subarray(0, n);
}

/**
 * Where React's output is gathered into one buffer, NULs dropped, handed over
 * when React ends it. One body instead of a stream of 2 KB pieces: the
 * compressor then works through a page in one pass instead of one call per
 * piece (decision 075).
 */
export function wholeHtml(done: (html: Buffer<ArrayBuffer>) => void) {
  const chunks: Buffer[] = [];
  return new Writable({
    // React treats a 'close' of its destination as the client leaving and ends it
    // once more, which makes Node build an ERR_STREAM_ALREADY_FINISHED error (and
    // its stack) for every page. Nobody else listens to this stream's close.
    emitClose: false,
    write(chunk: Buffer, _encoding, next) {
      chunks.push(chunk);
      next();
    },
    final(next) {
      done(dropNulBytes(Buffer.concat(chunks)));
      next();
    },
  });
}
