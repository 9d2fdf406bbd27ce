#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as b}from"./chunk-DS636DWA.js";import"./chunk-Q44XSUCZ.js";import"./chunk-ZLTP4T5E.js";import{b as a}from"./chunk-L5NZILCD.js";import"./chunk-IRFLSLOV.js";import"./chunk-GGZBTO37.js";import"./chunk-27YWZ7NB.js";import"./chunk-CNXVZQ6R.js";import"./chunk-H26ZB4SC.js";import"./chunk-KI7I7O32.js";export{a as rekorEntryUrl,b as signingIdentity};
