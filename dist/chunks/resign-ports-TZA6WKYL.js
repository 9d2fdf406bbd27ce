#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{e as p,h as a,i as f}from"./chunk-D2H4JZ2H.js";import"./chunk-CNXVZQ6R.js";import"./chunk-FOFVM454.js";import{a as s}from"./chunk-KI7I7O32.js";function d(o,r,m){let i=new Map;return{findRelease:s(e=>a(o,r,e),"findRelease"),listAssets:s(async e=>{let t=await f(o,r,e);for(let n of t)i.set(n.id,n);return t},"listAssets"),download:s((e,t)=>p(o,r,i.get(e.id)??e,t),"download"),log:m}}s(d,"githubResignPorts");export{d as githubResignPorts};
