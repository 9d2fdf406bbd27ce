/** Run by bench/encrypt.ts in a process of its own: encrypts (or only hashes) one file, prints its peak RSS in KiB. */
import { randomBytes } from 'node:crypto';
import { encryptFile, sha256File } from '../src/adapters/encryption/encrypt-file.js';

const [mode, file, out] = process.argv.slice(2);
if (mode === 'encrypt') await encryptFile(file!, out!, randomBytes(32));
else await sha256File(file!);
process.stdout.write(String(process.resourceUsage().maxRSS));
