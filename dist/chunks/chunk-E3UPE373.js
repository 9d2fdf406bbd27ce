#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
var e={baseDir:"base-dir",allowOutsideBase:"allow-outside-base: true",ifNoFilesFound:"if-no-files-found to warn or ignore"},i={baseDir:"--base-dir",allowOutsideBase:"--allow-outside-base",ifNoFilesFound:"--if-no-files-found warn (or ignore)"};export{e as a,i as b};
