#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a,b}from"./chunk-YTT7PIHB.js";import"./chunk-FM5SCWWH.js";import"./chunk-W45WDLHL.js";import"./chunk-X2VZSDU6.js";import"./chunk-KI7I7O32.js";export{a as publishBundles,b as wantsAttestationStore};
