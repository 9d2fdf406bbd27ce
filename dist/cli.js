#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as l}from"./chunks/chunk-KPLWEOYC.js";import{a as u}from"./chunks/chunk-YJQPQTGU.js";import"./chunks/chunk-WWPY7INJ.js";import{a as p}from"./chunks/chunk-ZQQUL4PW.js";import{a as d}from"./chunks/chunk-CNXVZQ6R.js";import"./chunks/chunk-FY7JOBGF.js";import{a as t}from"./chunks/chunk-KI7I7O32.js";function f(n){n("hash",async()=>(await import("./chunks/hash-command.js")).command),n("statement",async()=>(await import("./chunks/statement-7BOHLZWM.js")).command),n("sign",async()=>(await import("./chunks/sign-W65Y6M3B.js")).command),n("verify",async()=>(await import("./chunks/verify-SPUQSNAE.js")).command),n("verify-bundle",async()=>(await import("./chunks/verify-bundle-QSR677GJ.js")).command),n("sign-bundle",async()=>(await import("./chunks/sign-bundle-TJWJYGWY.js")).command)}t(f,"registerAll");var a={};function v(n,e){a[n]=e}t(v,"registerCommand");f(v);async function w(n,e){let[o,...m]=n;if(!o||o==="--help"||o==="-h"||o==="help"){let i=await Promise.all(Object.entries(a).map(async([,r])=>r()));return e.stdout(`provenant: signed SLSA provenance for releases

Usage: provenant <command> [options]

Commands:
`+i.map(r=>`  ${r.name.padEnd(14)} ${r.summary}`).join(`
`)+`

Run \`provenant <command> --help\` for a command's options.
`),o?0:2}if(o==="--version"||o==="version")return e.stdout(`${p}
`),0;let c=a[o];if(!c)return e.stderr(`provenant: unknown command ${JSON.stringify(o)}; expected one of ${Object.keys(a).join(", ")}.
`),2;let s=await c();if(m.includes("--help")||m.includes("-h"))return e.stdout(s.usage.endsWith(`
`)?s.usage:`${s.usage}
`),0;try{return await s.run(m,e)}catch(i){let r=u(i);return e.stderr(d.redact(r.unexpected?`provenant ${o}: unexpected error: ${r.message}
`:`provenant ${o}: error [${r.code}]: ${r.message}
`)),r.exitCode}}t(w,"runCli");var y=l(import.meta.url);if(y){let n=await w(process.argv.slice(2),{stdout:t(e=>process.stdout.write(e),"stdout"),stderr:t(e=>process.stderr.write(e),"stderr"),env:process.env,cwd:process.cwd(),isTTY:!!process.stderr.isTTY});process.stderr.write("",()=>process.stdout.write("",()=>process.exit(n)))}export{v as registerCommand,w as runCli};
