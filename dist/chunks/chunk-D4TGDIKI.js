#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{e as n,g as r}from"./chunk-6FZTUNDC.js";import{b as c}from"./chunk-72PB7QRV.js";import{a as o}from"./chunk-H26ZB4SC.js";import{a as t}from"./chunk-KI7I7O32.js";function u(e,a,i={}){if(e.length===0)throw new o("NO_FILES_FOUND","expected at least one subject to attest, got none. Give subject-path, subject-checksums or subject-digest.");return c(e,n,r(a,i))}t(u,"provenanceStatement");export{u as a};
