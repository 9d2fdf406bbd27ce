import { inputError, quote } from '../../core/errors.js';

/** Reads a small text file, refusing anything larger than `maxBytes` before reading it whole. */
export async function readTextFile(filePath: string, maxBytes: number, inputName = 'file'): Promise<string> {
  // Loaded here, not at start-up: most runs read no text file (see builtins.ts).
  const { open } = await import('node:fs/promises');
  const handle = await open(filePath, 'r').catch((e: NodeJS.ErrnoException) => {
    throw inputError(
      e.code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE',
      `${inputName}: cannot read ${quote(filePath)}: ${e.code ?? e.message}. Expected an existing, readable file.`,
    );
  });
  try {
    const st = await handle.stat();
    if (!st.isFile()) {
      throw inputError(
        'NOT_REGULAR_FILE',
        `${inputName}: expected a regular file, got ${quote(filePath)} which is not one.`,
      );
    }
    if (st.size > maxBytes) {
      throw inputError(
        'INPUT_INVALID',
        `${inputName}: ${quote(filePath)} is ${st.size} bytes, expected at most ${maxBytes}. Split it or check it is the right file.`,
      );
    }
    return await handle.readFile({ encoding: 'utf8' });
  } finally {
    await handle.close();
  }
}
