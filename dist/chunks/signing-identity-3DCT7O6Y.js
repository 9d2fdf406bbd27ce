#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a}from"./chunk-SVQWLVBY.js";import"./chunk-QWEETSQ2.js";import"./chunk-FOFVM454.js";import"./chunk-KI7I7O32.js";export{a as signingIdentity};
