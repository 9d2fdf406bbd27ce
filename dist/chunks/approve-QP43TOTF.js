#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a}from"./chunk-7GI66L22.js";import"./chunk-EZSY4YK5.js";import"./chunk-OR4OSFOB.js";import"./chunk-DAUQA3YA.js";import"./chunk-OZ4A7DYP.js";import"./chunk-A4IKRYO7.js";import"./chunk-3CTUHMH2.js";import"./chunk-AIQUGS5M.js";import"./chunk-OGKAF2XS.js";import"./chunk-REDZXMKD.js";import"./chunk-CRRMDEWY.js";import"./chunk-X2VZSDU6.js";import"./chunk-KI7I7O32.js";export{a as approveRelease};
