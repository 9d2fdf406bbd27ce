import { isProvenantOutput } from '../core/bundle-name.js';
import { parseChecksums } from '../core/checksums.js';
import { parseDigestRef } from '../core/digest.js';
import { quote } from '../core/errors.js';
import { mergeSubjects, normaliseSubjectName, type Subject, type SubjectGroup } from '../core/subject.js';
import type { Logger, SubjectPorts, SubjectRequest } from './ports.js';

/** Checksum files are lists of names, not artifacts: 64 MiB is millions of lines. */
const MAX_CHECKSUM_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Turns every kind of subject input into one stable-ordered list: files are found and hashed, checksum files parsed,
 * explicit digests checked; the same name from two inputs must agree.
 */
export async function collectSubjects(request: SubjectRequest, ports: SubjectPorts): Promise<Subject[]> {
  const { fs, log } = ports;
  const names = {
    patterns: 'subject-path',
    checksumFiles: 'subject-checksums',
    digests: 'subject-digest',
    ...request.inputNames,
  };
  const groups: SubjectGroup[] = [];

  if (request.patterns.length > 0) {
    const files = await fs.collectFiles(request.patterns, {
      baseDir: request.baseDir,
      ...(request.cwd ? { cwd: request.cwd } : {}),
      ...(request.optionNames ? { optionNames: request.optionNames } : {}),
      allowOutsideBase: request.allowOutsideBase,
      ifNoFilesFound: request.ifNoFilesFound,
      warn: (m) => log.warn(m),
      inputName: names.patterns,
    });
    const own = files.filter((f) => isEarlierOutput(f.path, request.outputDir));
    if (own.length > 0) {
      log.info(
        `Skipping ${own.length} file${own.length === 1 ? '' : 's'} an earlier run wrote to the output directory ` +
          `${request.outputDir} (${own.map((f) => f.name).join(', ')}): Provenant never signs its own output`,
      );
    }
    const kept = own.length > 0 ? files.filter((f) => !own.includes(f)) : files;
    log.info(`Hashing ${kept.length} file${kept.length === 1 ? '' : 's'} under ${request.baseDir}`);
    const hashed = await fs.hashFiles(kept, {
      algorithms: request.algorithms,
      onProgress: progressLogger(log),
    });
    groups.push({ origin: names.patterns, subjects: hashed });
  }

  for (const file of request.checksumFiles) {
    const text = await fs.readTextFile(file, MAX_CHECKSUM_FILE_BYTES);
    const parsed = parseChecksums(text, `${names.checksumFiles} ${file}`);
    log.info(`Read ${parsed.length} subject${parsed.length === 1 ? '' : 's'} from ${file}`);
    groups.push({ origin: file, subjects: parsed });
  }

  const given: Subject[] = [];
  for (const { name, digest } of request.digests) {
    const where = `${names.digests} ${quote(name)}`;
    const { algorithm, hex } = parseDigestRef(digest, where);
    given.push({ name: normaliseSubjectName(name, where), digest: { [algorithm]: hex } });
  }
  groups.push({ origin: names.digests, subjects: given });

  return mergeSubjects(groups);
}

/** A statement or bundle directly inside the output directory. */
function isEarlierOutput(file: string, outputDir: string | undefined): boolean {
  if (!outputDir) return false;
  const dir = outputDir.replace(/\/+$/, '');
  return (
    file.startsWith(`${dir}/`) &&
    !file.slice(dir.length + 1).includes('/') &&
    isProvenantOutput(file.slice(dir.length + 1))
  );
}

/** A line every few seconds on long runs, so a big release never looks stuck. */
export function progressLogger(
  log: Logger,
  everyMs = 5000,
  clock: () => number = Date.now,
): (p: { filesDone: number; filesTotal: number; bytesDone: number; bytesTotal: number | undefined }) => void {
  const started = clock();
  let last = started;
  return (p) => {
    const now = clock();
    if (now - last < everyMs) return;
    last = now;
    const seconds = (now - started) / 1000;
    const rate = p.bytesDone / seconds;
    // Without every size known up front (a big directory walk), the files left say how long is left.
    const left =
      p.bytesTotal !== undefined
        ? rate > 0
          ? (p.bytesTotal - p.bytesDone) / rate
          : 0
        : p.filesDone > 0
          ? (seconds * (p.filesTotal - p.filesDone)) / p.filesDone
          : undefined;
    const bytes =
      p.bytesTotal !== undefined
        ? `${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}`
        : `${formatBytes(p.bytesDone)} so far`;
    log.info(
      `Hashed ${p.filesDone}/${p.filesTotal} files, ${bytes} (${formatBytes(rate)}/s, ` +
        `${left === undefined ? 'time left unknown yet' : `about ${Math.max(0, left).toFixed(0)} s left`})`,
    );
  };
}

export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}
