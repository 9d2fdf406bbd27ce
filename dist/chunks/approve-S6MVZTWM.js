#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a}from"./chunk-5XWRHHDY.js";import"./chunk-ZT2G4ZH5.js";import"./chunk-JOHWD47N.js";import"./chunk-DAUQA3YA.js";import"./chunk-OZ4A7DYP.js";import"./chunk-CK7WMG2Z.js";import"./chunk-OHPK73DP.js";import"./chunk-REDZXMKD.js";import"./chunk-AIQUGS5M.js";import"./chunk-CRRMDEWY.js";import"./chunk-OGKAF2XS.js";import"./chunk-X2VZSDU6.js";import"./chunk-KI7I7O32.js";export{a as approveRelease};
