#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as o}from"./chunk-KI7I7O32.js";var a="::add-mask::";function c(t,n){return t.split(`
`).map(r=>r.startsWith(a)?(n.add(r.slice(a.length).replace(/\r$/,"")),r):n.redact(r)).join(`
`)}o(c,"redactLines");function d(t,n){let r=t.write.bind(t),p=o((e,...i)=>{if(typeof e=="string")return r(c(e,n),...i);if(e instanceof Uint8Array){let s=Buffer.from(e).toString("utf8"),u=c(s,n);return r(u===s?e:Buffer.from(u,"utf8"),...i)}return r(e,...i)},"guarded");t.write=p}o(d,"guard");var f=!1;function g(t){f||(f=!0,d(process.stdout,t),d(process.stderr,t))}o(g,"guardProcessOutput");export{g as a};
