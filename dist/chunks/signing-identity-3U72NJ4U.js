#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a}from"./chunk-HMXINKDP.js";import"./chunk-PQCIM56I.js";import"./chunk-TD3BNEK4.js";import"./chunk-KI7I7O32.js";export{a as signingIdentity};
