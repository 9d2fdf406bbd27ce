#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a}from"./chunk-WT2QLGUD.js";import"./chunk-3M2BTTTM.js";import"./chunk-656SVJSD.js";import"./chunk-HYMZY6LN.js";import"./chunk-HLVCA3OK.js";import"./chunk-CNXVZQ6R.js";import"./chunk-G2FOKI42.js";import"./chunk-KI7I7O32.js";export{a as registryPort};
