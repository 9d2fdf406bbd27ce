#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a}from"./chunk-G7ZQTB6T.js";import"./chunk-GRVKKW7F.js";import"./chunk-6BC2VEHD.js";import"./chunk-KI7I7O32.js";export{a as signingIdentity};
