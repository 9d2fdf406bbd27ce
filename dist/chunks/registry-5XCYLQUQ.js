#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a}from"./chunk-CJJCL3KV.js";import"./chunk-3M2BTTTM.js";import"./chunk-656SVJSD.js";import"./chunk-J52SKUFM.js";import"./chunk-ZXMLRVZR.js";import"./chunk-CNXVZQ6R.js";import"./chunk-UGPSQO4T.js";import"./chunk-KI7I7O32.js";export{a as registryPort};
