#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a,b,c}from"./chunk-ZUHILL3C.js";import"./chunk-X74N3WSB.js";import"./chunk-JT4TGIRI.js";import"./chunk-4Z3MSIWM.js";import"./chunk-GJPX23F7.js";import"./chunk-QQS2PUSF.js";import"./chunk-IXMQCC2P.js";import"./chunk-W45WDLHL.js";import"./chunk-GGZBTO37.js";import"./chunk-G2FOKI42.js";import"./chunk-KI7I7O32.js";export{b as ACTION_SOURCE_LABELS,a as CLI_SOURCE_LABELS,c as configuredInstance};
