import type { FileSystemPort } from '../app/ports.js';
import { formatBytes } from '../app/collect-subjects.js';
import type { CliIO } from './command.js';

/** On a terminal, a one-line progress bar on stderr while files are hashed; elsewhere the use case logs lines. */
export async function withProgressBar<T>(
  io: CliIO,
  quiet: boolean,
  work: (fs: FileSystemPort) => Promise<T>,
  fs: FileSystemPort,
): Promise<T> {
  if (!io.isTTY || quiet) return work(fs);
  let last = 0;
  let drawn = false;
  // The bar's line stays open for the next redraw; anything else written meanwhile (a log line, the signing that
  // follows hashing) first ends it, so no message lands at the end of the bar.
  let open = false;
  const raw = io.stderr;
  io.stderr = (text) => {
    if (open) raw('\n');
    open = false;
    raw(text);
  };
  const wrapped: FileSystemPort = {
    ...fs,
    hashFiles: (files, options) =>
      fs.hashFiles(files, {
        ...options,
        onProgress: (p) => {
          const now = Date.now();
          if (now - last < 100 && p.filesDone !== p.filesTotal) return;
          last = now;
          const fraction =
            p.bytesTotal !== undefined && p.bytesTotal > 0
              ? p.bytesDone / p.bytesTotal
              : p.filesDone / Math.max(1, p.filesTotal);
          const width = 30;
          const filled = Math.round(fraction * width);
          raw(
            `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ` +
              `${p.filesDone}/${p.filesTotal} files ${formatBytes(p.bytesDone)}   `,
          );
          drawn = true;
          open = true;
        },
      }),
  };
  try {
    return await work(wrapped);
  } finally {
    io.stderr = raw;
    if (drawn && open) raw('\n');
  }
}
