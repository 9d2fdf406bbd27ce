#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a}from"./chunk-J42FI2MX.js";import"./chunk-YY2CH4VA.js";import"./chunk-FY7JOBGF.js";import"./chunk-KI7I7O32.js";export{a as signingIdentity};
