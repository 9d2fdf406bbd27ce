#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{e as c}from"./chunk-EGODBARI.js";import{a as o}from"./chunk-KI7I7O32.js";async function F(s,h,i,a){if(!s.isTTY||h)return i(a);let n=0,f=!1,r=!1,t=s.stderr;s.stderr=l=>{r&&t(`
`),r=!1,t(l)};let u={...a,hashFiles:o((l,P)=>a.hashFiles(l,{...P,onProgress:o(e=>{let m=Date.now();if(m-n<100&&e.filesDone!==e.filesTotal)return;n=m;let y=e.bytesTotal!==void 0&&e.bytesTotal>0?e.bytesDone/e.bytesTotal:e.filesDone/Math.max(1,e.filesTotal),d=30,T=Math.round(y*d);t(`\r[${"#".repeat(T)}${".".repeat(d-T)}] ${(y*100).toFixed(0).padStart(3)}% ${e.filesDone}/${e.filesTotal} files ${c(e.bytesDone)}   `),f=!0,r=!0},"onProgress")}),"hashFiles")};try{return await i(u)}finally{s.stderr=t,f&&r&&t(`
`)}}o(F,"withProgressBar");export{F as a};
