#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a}from"./chunk-B5QIVBVM.js";import"./chunk-3M2BTTTM.js";import"./chunk-656SVJSD.js";import"./chunk-DTUR3AXN.js";import"./chunk-CNXVZQ6R.js";import"./chunk-D3RXNBDU.js";import"./chunk-IJPK3R2N.js";import"./chunk-KI7I7O32.js";export{a as registryPort};
