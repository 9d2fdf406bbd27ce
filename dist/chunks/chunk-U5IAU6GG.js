#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as i}from"./chunk-KI7I7O32.js";import{mkdir as n,rename as s,writeFile as m}from"node:fs/promises";import e from"node:path";async function w(o,a){let r=e.resolve(o);await n(e.dirname(r),{recursive:!0});let t=`${r}.${process.pid}.${Date.now()}.tmp`;return await m(t,a),await s(t,r),r}i(w,"writeFileAtomic");export{w as a};
