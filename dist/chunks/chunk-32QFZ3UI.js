#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as t,e as o}from"./chunk-IRMA2UAH.js";import{a as r}from"./chunk-KI7I7O32.js";var{realpathSync:s}=t,{fileURLToPath:n}=o;function a(e){try{return!!process.argv[1]&&s(process.argv[1])===s(n(e))}catch{return!1}}r(a,"isProcessEntry");export{a};
