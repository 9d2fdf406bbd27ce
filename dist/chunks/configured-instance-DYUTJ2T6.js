#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a,b,c}from"./chunk-5ITHWDJC.js";import"./chunk-2J6CPK2G.js";import"./chunk-O4XXYCHL.js";import"./chunk-TL5EBQJ4.js";import"./chunk-XRLKPGTC.js";import"./chunk-GJPX23F7.js";import"./chunk-GRVKKW7F.js";import"./chunk-W45WDLHL.js";import"./chunk-GGZBTO37.js";import"./chunk-6BC2VEHD.js";import"./chunk-KI7I7O32.js";export{b as ACTION_SOURCE_LABELS,a as CLI_SOURCE_LABELS,c as configuredInstance};
