#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a}from"./chunk-2J6CPK2G.js";import"./chunk-GJPX23F7.js";import"./chunk-GGZBTO37.js";import"./chunk-6BC2VEHD.js";import"./chunk-KI7I7O32.js";export{a as tufInstance};
