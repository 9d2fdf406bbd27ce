#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as u}from"./chunks/chunk-OGKAF2XS.js";import{a as f}from"./chunks/chunk-32QFZ3UI.js";import{a as l}from"./chunks/chunk-XWR5Z732.js";import{a as p}from"./chunks/chunk-IRMA2UAH.js";import{a as d}from"./chunks/chunk-CNXVZQ6R.js";import"./chunks/chunk-FOFVM454.js";import{a as t}from"./chunks/chunk-KI7I7O32.js";function v(e){e("hash",async()=>(await import("./chunks/hash-command.js")).command),e("statement",async()=>(await import("./chunks/statement-6GQRYT2T.js")).command),e("sign",async()=>(await import("./chunks/sign-DWFUF7W4.js")).command),e("verify",async()=>(await import("./chunks/verify-TNT4WBUK.js")).command),e("verify-bundle",async()=>(await import("./chunks/verify-bundle-7DV2S6Z7.js")).command),e("sign-bundle",async()=>(await import("./chunks/sign-bundle-Q5QDGRQD.js")).command)}t(v,"registerAll");var a={};function y(e,r){a[e]=r}t(y,"registerCommand");v(y);async function C(e,r){let[n,...i]=e;if(!n||n==="--help"||n==="-h"||n==="help"){let m=await Promise.all(Object.entries(a).map(async([,o])=>o()));return r.stdout(`provenant: signed SLSA provenance for releases

Usage: provenant <command> [options]

Commands:
`+m.map(o=>`  ${o.name.padEnd(14)} ${o.summary}`).join(`
`)+`

Run \`provenant <command> --help\` for a command's options.
`),n?0:2}if(n==="--version"||n==="version")return r.stdout(`${u}
`),0;let c=a[n];if(!c)return r.stderr(`provenant: unknown command ${JSON.stringify(n)}; expected one of ${Object.keys(a).join(", ")}.
`),2;let s=await c();if(i.includes("--help")||i.includes("-h"))return r.stdout(s.usage.endsWith(`
`)?s.usage:`${s.usage}
`),0;try{return await s.run(i,r)}catch(m){let o=l(m);return r.stderr(d.redact(o.unexpected?`provenant ${n}: unexpected error: ${o.message}
`:`provenant ${n}: error [${o.code}]: ${o.message}
`)),o.exitCode}}t(C,"runCli");function w(){if(process.env.GITHUB_ACTIONS!=="true")return!1;try{let e=p.fstatSync(2);return e.isFIFO()||e.isSocket()||e.isCharacterDevice()}catch{return!1}}t(w,"runnerReadsStderr");async function g(e=process.argv.slice(2)){let r=await C(e,{stdout:t(n=>process.stdout.write(n),"stdout"),stderr:t(n=>process.stderr.write(n),"stderr"),env:process.env,cwd:process.cwd(),isTTY:!!process.stderr.isTTY,...w()?{workflowCommand:t(n=>process.stderr.write(`${n}
`),"workflowCommand")}:{}});process.exitCode=r}t(g,"main");f(import.meta.url)&&g();export{g as main,y as registerCommand,C as runCli};
