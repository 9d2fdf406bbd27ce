/**
 * Node's built-in modules for code on the start-up path (the CLI, finding and hashing files). They are taken with
 * `process.getBuiltinModule` rather than imported: an ESM import of a built-in reads every one of its exports, which
 * runs their lazy getters, so `import … from 'node:fs'` alone loads fs/promises, streams, readline and some twenty
 * more of Node's modules on every start, whether or not they are used (measured: README §Performance).
 */
export const fs = process.getBuiltinModule('node:fs');
export const util = process.getBuiltinModule('node:util');
export const os = process.getBuiltinModule('node:os');
export const crypto = process.getBuiltinModule('node:crypto');
export const url = process.getBuiltinModule('node:url');
