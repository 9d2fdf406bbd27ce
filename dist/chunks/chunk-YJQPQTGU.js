#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{c as n}from"./chunk-FY7JOBGF.js";import{a as o}from"./chunk-KI7I7O32.js";function t(e){return n(e)?{code:e.code,message:e.message,exitCode:e.exitCode,unexpected:!1}:{code:"INTERNAL",message:e instanceof Error?e.stack??e.message:String(e),exitCode:1,unexpected:!0}}o(t,"describeFailure");function i(e){let r=t(e);return r.unexpected?r.message:`[${r.code}] ${r.message}`}o(i,"failureLine");export{t as a,i as b};
