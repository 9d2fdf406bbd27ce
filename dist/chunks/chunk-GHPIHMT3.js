#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as n,d as t}from"./chunk-X2VZSDU6.js";import{a as o}from"./chunk-KI7I7O32.js";function s(e){return t(e)?{code:e.code,message:e.message,exitCode:e.exitCode,unexpected:!1}:{code:"INTERNAL",message:e instanceof Error?e.stack??e.message:String(e),exitCode:n("INTERNAL"),unexpected:!0}}o(s,"describeFailure");function a(e){let r=s(e);return r.unexpected?r.message:`[${r.code}] ${r.message}`}o(a,"failureLine");export{s as a,a as b};
