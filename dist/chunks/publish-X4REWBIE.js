#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a,b}from"./chunk-75OX46AQ.js";import"./chunk-FM5SCWWH.js";import"./chunk-W45WDLHL.js";import"./chunk-UGPSQO4T.js";import"./chunk-KI7I7O32.js";export{a as publishBundles,b as wantsAttestationStore};
