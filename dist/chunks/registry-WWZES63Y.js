#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a}from"./chunk-OTGOU5UY.js";import"./chunk-3M2BTTTM.js";import"./chunk-656SVJSD.js";import"./chunk-MLNJQZOP.js";import"./chunk-RWKKNXCQ.js";import"./chunk-CNXVZQ6R.js";import"./chunk-6BC2VEHD.js";import"./chunk-KI7I7O32.js";export{a as registryPort};
