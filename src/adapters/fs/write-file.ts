import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Writes through a temporary name and renames, so a crash never leaves a half-written bundle or statement. */
export async function writeFileAtomic(filePath: string, data: string | Uint8Array): Promise<string> {
  const absolute = path.resolve(filePath);
  await mkdir(path.dirname(absolute), { recursive: true });
  const tmp = `${absolute}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, absolute);
  return absolute;
}
