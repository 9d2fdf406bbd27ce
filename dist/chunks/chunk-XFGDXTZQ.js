#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as r}from"./chunk-KI7I7O32.js";import{realpathSync as o}from"node:fs";import{fileURLToPath as e}from"node:url";function n(t){try{return!!process.argv[1]&&o(process.argv[1])===o(e(t))}catch{return!1}}r(n,"isProcessEntry");export{n as a};
