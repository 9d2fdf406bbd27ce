#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as b}from"./chunk-IGS4MT2T.js";import{b as a}from"./chunk-L5NZILCD.js";import"./chunk-H26ZB4SC.js";import"./chunk-KI7I7O32.js";export{a as rekorEntryUrl,b as signingIdentity};
