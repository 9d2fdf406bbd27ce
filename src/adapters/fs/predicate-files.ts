import { stat } from 'node:fs/promises';
import type { PredicatePorts } from '../../app/extra-predicates.js';
import type { Logger } from '../../app/ports.js';
import { inputError, quote } from '../../core/errors.js';
import { readTextFile } from './read-text.js';

/** SBOM and predicate files as the predicate use case reads them: the size first, then the text. */
export function predicateFiles(log: Logger): PredicatePorts {
  return {
    log,
    async sizeOf(path, inputName) {
      const st = await stat(path).catch((e: NodeJS.ErrnoException) => {
        throw inputError(
          e.code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE',
          `${inputName}: cannot read ${quote(path)}: ${e.code ?? e.message}. Expected an existing, readable file.`,
        );
      });
      if (!st.isFile())
        throw inputError('NOT_REGULAR_FILE', `${inputName}: expected a regular file, got ${quote(path)}.`);
      return st.size;
    },
    readText: (path, maxBytes, inputName) => readTextFile(path, maxBytes, inputName),
  };
}
