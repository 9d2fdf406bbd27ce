#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a,b,c}from"./chunk-M3LNZLUR.js";import"./chunk-BAMIT3FP.js";import"./chunk-GTJMAWOE.js";import"./chunk-BRDKWCIU.js";import"./chunk-2G5O77Z6.js";import"./chunk-GJPX23F7.js";import"./chunk-MVHOAJ7Q.js";import"./chunk-W45WDLHL.js";import"./chunk-GGZBTO37.js";import"./chunk-IJPK3R2N.js";import"./chunk-KI7I7O32.js";export{b as ACTION_SOURCE_LABELS,a as CLI_SOURCE_LABELS,c as configuredInstance};
