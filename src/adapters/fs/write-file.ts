import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { trackTemporaryFile } from './temp-files.js';

/** Writes through a temporary name and renames, so a crash never leaves a half-written bundle or statement. */
export async function writeFileAtomic(filePath: string, data: string | Uint8Array): Promise<string> {
  const absolute = path.resolve(filePath);
  await mkdir(path.dirname(absolute), { recursive: true });
  const tmp = `${absolute}.${process.pid}.${Date.now()}.tmp`;
  const done = trackTemporaryFile(tmp);
  try {
    await writeFile(tmp, data);
    await rename(tmp, absolute);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  } finally {
    done();
  }
  return absolute;
}
