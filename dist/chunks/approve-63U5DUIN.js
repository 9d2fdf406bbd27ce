#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a}from"./chunk-IRMIHOBZ.js";import"./chunk-W66YTZLF.js";import"./chunk-4CFXECBM.js";import"./chunk-QRYLN6FM.js";import"./chunk-OZ4A7DYP.js";import"./chunk-6YOE7ZTP.js";import"./chunk-CRRMDEWY.js";import"./chunk-OGKAF2XS.js";import"./chunk-UGPSQO4T.js";import"./chunk-KI7I7O32.js";export{a as approveRelease};
