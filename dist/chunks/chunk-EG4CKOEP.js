#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as r}from"./chunk-KI7I7O32.js";import{readFile as d}from"node:fs/promises";async function i(e){if(e)try{let n=JSON.parse(await d(e,"utf8"));return n!==null&&typeof n=="object"?n:void 0}catch{return}}r(i,"readEventPayload");export{i as a};
