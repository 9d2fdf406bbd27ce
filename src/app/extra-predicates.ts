import { inputError, quote } from '../core/errors.js';
import {
  checkPredicateSize,
  customPredicate,
  MAX_PREDICATE_BYTES,
  sbomPredicate,
  type ExtraPredicate,
} from '../core/predicate.js';
import type { Logged } from './ports.js';

export interface PredicateRequest {
  sbomPath?: string;
  predicateType?: string;
  predicatePath?: string;
  /** How the entry point names its inputs (`sbom-path` or `--sbom-path`, …). */
  names: { sbomPath: string; predicateType: string; predicatePath: string };
}

export interface PredicatePorts extends Logged {
  /** The file's size in bytes (refusing what is not a regular file), read before the file itself. */
  sizeOf(path: string, inputName: string): Promise<number>;
  readText(path: string, maxBytes: number, inputName: string): Promise<string>;
}

async function readChecked(path: string, inputName: string, ports: PredicatePorts): Promise<string> {
  checkPredicateSize(await ports.sizeOf(path, inputName), `${inputName} ${quote(path)}`);
  return ports.readText(path, MAX_PREDICATE_BYTES, inputName);
}

/**
 * The attestations to sign beside the provenance, read and checked before anything is signed: an SBOM (its type
 * detected) and a predicate of the user's type. Each is refused here when too large, so no log entry is spent.
 */
export async function readPredicates(
  request: PredicateRequest,
  ports: PredicatePorts,
): Promise<ExtraPredicate[]> {
  const { names } = request;
  const out: ExtraPredicate[] = [];
  if (request.sbomPath) {
    const where = `${names.sbomPath} ${quote(request.sbomPath)}`;
    const sbom = sbomPredicate(await readChecked(request.sbomPath, names.sbomPath, ports), where);
    ports.log.info(`SBOM ${request.sbomPath}: predicate type ${sbom.type}`);
    out.push({ ...sbom, origin: names.sbomPath, kind: 'sbom' });
  }
  if (((request.predicateType ?? '') === '') !== ((request.predicatePath ?? '') === '')) {
    throw inputError(
      'INPUT_INVALID',
      `${names.predicateType} and ${names.predicatePath} go together: expected both or neither, got ${request.predicateType ? `${names.predicateType} only` : `${names.predicatePath} only`}.`,
    );
  }
  if (request.predicateType && request.predicatePath) {
    const where = `${names.predicatePath} ${quote(request.predicatePath)}`;
    const text = await readChecked(request.predicatePath, names.predicatePath, ports);
    const predicate = customPredicate(request.predicateType, text, where);
    if (out.some((p) => p.type === predicate.type)) {
      throw inputError(
        'INPUT_INVALID',
        `${names.predicateType} ${quote(predicate.type)} is the SBOM's own type: give the SBOM once, with ${names.sbomPath}.`,
      );
    }
    out.push({ ...predicate, origin: names.predicatePath, kind: 'predicate' });
  }
  return out;
}
