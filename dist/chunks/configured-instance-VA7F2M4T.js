#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a,b,c}from"./chunk-NYNVPCWZ.js";import"./chunk-CTFOJX2W.js";import"./chunk-QKZLQ2HA.js";import"./chunk-FRWW7FXM.js";import"./chunk-SEB2LWVR.js";import"./chunk-QIUOX5A2.js";import"./chunk-GJPX23F7.js";import"./chunk-GGZBTO37.js";import"./chunk-W45WDLHL.js";import"./chunk-UGPSQO4T.js";import"./chunk-KI7I7O32.js";export{b as ACTION_SOURCE_LABELS,a as CLI_SOURCE_LABELS,c as configuredInstance};
