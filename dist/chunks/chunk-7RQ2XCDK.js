#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as e}from"./chunk-KI7I7O32.js";var{realpathSync:r}=process.getBuiltinModule("node:fs"),{fileURLToPath:s}=process.getBuiltinModule("node:url");function t(o){try{return!!process.argv[1]&&r(process.argv[1])===r(s(o))}catch{return!1}}e(t,"isProcessEntry");export{t as a};
