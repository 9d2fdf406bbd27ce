#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{c as e}from"./chunk-X2VZSDU6.js";import{a as n}from"./chunk-KI7I7O32.js";var i=/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/,a=/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g,c=n(t=>`U+${t.codePointAt(0).toString(16).toUpperCase().padStart(4,"0")}`,"codePoint");function f(t,r){let o=t.search(i);if(o>=0)throw e("INPUT_INVALID",`${r}: expected no control characters (line breaks, tabs, escapes), got ${c(t[o])} at character ${o+1}. Give one value per line, without control characters.`);return t}n(f,"refuseControlCharacters");function u(t){return t.replace(a,r=>`\\u{${r.codePointAt(0).toString(16)}}`)}n(u,"showControlCharacters");function g(t){let r=t.trimStart();return r.startsWith("::")||r.startsWith("##[")}n(g,"looksLikeWorkflowCommand");function h(t,r){let o=t.split(`
`).map(u).join(`
`);if(!o.split(`
`).some(g))return[o];let s=r();return[`::stop-commands::${s}`,o,`::${s}::`]}n(h,"guardLogMessage");export{f as a,h as b};
