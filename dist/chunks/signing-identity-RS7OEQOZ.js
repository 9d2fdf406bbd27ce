#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a}from"./chunk-PB6TIB3Q.js";import"./chunk-QQS2PUSF.js";import"./chunk-G2FOKI42.js";import"./chunk-KI7I7O32.js";export{a as signingIdentity};
