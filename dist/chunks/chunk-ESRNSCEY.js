#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as i}from"./chunk-7DANAGEH.js";import{a as e}from"./chunk-KI7I7O32.js";import{mkdir as c,rename as p,rm as w,writeFile as l}from"node:fs/promises";import o from"node:path";async function d(a,n){let r=o.resolve(a);await c(o.dirname(r),{recursive:!0});let t=`${r}.${process.pid}.${Date.now()}.tmp`,m=i(t);try{await l(t,n),await p(t,r)}catch(s){throw await w(t,{force:!0}),s}finally{m()}return r}e(d,"writeFileAtomic");export{d as a};
