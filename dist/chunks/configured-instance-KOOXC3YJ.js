#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a,b,c}from"./chunk-JUXGRF2C.js";import"./chunk-5VI23QK2.js";import"./chunk-RQOF3PQ7.js";import"./chunk-XELNWIAJ.js";import"./chunk-W45WDLHL.js";import"./chunk-QWEETSQ2.js";import"./chunk-3ZFGYYEM.js";import"./chunk-GJPX23F7.js";import"./chunk-GGZBTO37.js";import"./chunk-FOFVM454.js";import"./chunk-KI7I7O32.js";export{b as ACTION_SOURCE_LABELS,a as CLI_SOURCE_LABELS,c as configuredInstance};
