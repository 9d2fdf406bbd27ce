#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a}from"./chunk-YLU4WALM.js";import"./chunk-AK2R45Y3.js";import"./chunk-GWZ3R5NY.js";import"./chunk-KI7I7O32.js";export{a as signingIdentity};
