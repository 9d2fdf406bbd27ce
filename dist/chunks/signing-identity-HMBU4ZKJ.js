#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a}from"./chunk-DC5GYI6M.js";import"./chunk-OEVUFJ2C.js";import"./chunk-X2VZSDU6.js";import"./chunk-KI7I7O32.js";export{a as signingIdentity};
