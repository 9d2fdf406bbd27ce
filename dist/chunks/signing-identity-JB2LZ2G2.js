#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a}from"./chunk-5S5X6IVU.js";import"./chunk-LNRYZDA6.js";import"./chunk-NETPM2QI.js";import"./chunk-KI7I7O32.js";export{a as signingIdentity};
