#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a,b,c}from"./chunk-DIGMCHBZ.js";import"./chunk-WZUDLGON.js";import"./chunk-LJQZLVBC.js";import"./chunk-TQ7WWKOF.js";import"./chunk-4B5JODGF.js";import"./chunk-GJPX23F7.js";import"./chunk-GGZBTO37.js";import"./chunk-OEVUFJ2C.js";import"./chunk-W45WDLHL.js";import"./chunk-X2VZSDU6.js";import"./chunk-KI7I7O32.js";export{b as ACTION_SOURCE_LABELS,a as CLI_SOURCE_LABELS,c as configuredInstance};
