#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as u}from"./chunks/chunk-OGKAF2XS.js";import{a as f}from"./chunks/chunk-KPLWEOYC.js";import{a as l}from"./chunks/chunk-YJQPQTGU.js";import{a as p}from"./chunks/chunk-WWPY7INJ.js";import{a as d}from"./chunks/chunk-CNXVZQ6R.js";import"./chunks/chunk-FY7JOBGF.js";import{a as t}from"./chunks/chunk-KI7I7O32.js";function C(n){n("hash",async()=>(await import("./chunks/hash-command.js")).command),n("statement",async()=>(await import("./chunks/statement-2G4BA5BP.js")).command),n("sign",async()=>(await import("./chunks/sign-3NMJWMB7.js")).command),n("verify",async()=>(await import("./chunks/verify-4YK5ZDYM.js")).command),n("verify-bundle",async()=>(await import("./chunks/verify-bundle-G5474KSP.js")).command),n("sign-bundle",async()=>(await import("./chunks/sign-bundle-CBJ7SKIP.js")).command)}t(C,"registerAll");var a={};function v(n,e){a[n]=e}t(v,"registerCommand");C(v);async function y(n,e){let[r,...i]=n;if(!r||r==="--help"||r==="-h"||r==="help"){let m=await Promise.all(Object.entries(a).map(async([,o])=>o()));return e.stdout(`provenant: signed SLSA provenance for releases

Usage: provenant <command> [options]

Commands:
`+m.map(o=>`  ${o.name.padEnd(14)} ${o.summary}`).join(`
`)+`

Run \`provenant <command> --help\` for a command's options.
`),r?0:2}if(r==="--version"||r==="version")return e.stdout(`${u}
`),0;let c=a[r];if(!c)return e.stderr(`provenant: unknown command ${JSON.stringify(r)}; expected one of ${Object.keys(a).join(", ")}.
`),2;let s=await c();if(i.includes("--help")||i.includes("-h"))return e.stdout(s.usage.endsWith(`
`)?s.usage:`${s.usage}
`),0;try{return await s.run(i,e)}catch(m){let o=l(m);return e.stderr(d.redact(o.unexpected?`provenant ${r}: unexpected error: ${o.message}
`:`provenant ${r}: error [${o.code}]: ${o.message}
`)),o.exitCode}}t(y,"runCli");function w(){if(process.env.GITHUB_ACTIONS!=="true")return!1;try{let n=p.fstatSync(2);return n.isFIFO()||n.isSocket()||n.isCharacterDevice()}catch{return!1}}t(w,"runnerReadsStderr");var g=f(import.meta.url);if(g){let n=await y(process.argv.slice(2),{stdout:t(e=>process.stdout.write(e),"stdout"),stderr:t(e=>process.stderr.write(e),"stderr"),env:process.env,cwd:process.cwd(),isTTY:!!process.stderr.isTTY,...w()?{workflowCommand:t(e=>process.stderr.write(`${e}
`),"workflowCommand")}:{}});process.exitCode=n}export{v as registerCommand,y as runCli};
