#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a}from"./chunk-X74N3WSB.js";import"./chunk-GJPX23F7.js";import"./chunk-GGZBTO37.js";import"./chunk-G2FOKI42.js";import"./chunk-KI7I7O32.js";export{a as tufInstance};
