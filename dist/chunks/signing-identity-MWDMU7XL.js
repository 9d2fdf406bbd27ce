#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as b}from"./chunk-XMNDN4MH.js";import{b as a}from"./chunk-PNOCPTVP.js";import"./chunk-FY7JOBGF.js";import"./chunk-KI7I7O32.js";export{a as rekorEntryUrl,b as signingIdentity};
