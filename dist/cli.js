#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as l}from"./chunks/chunk-32QFZ3UI.js";import"./chunks/chunk-IRMA2UAH.js";import{a as u}from"./chunks/chunk-ZQQUL4PW.js";import{a as c}from"./chunks/chunk-CNXVZQ6R.js";import{c as p}from"./chunks/chunk-FY7JOBGF.js";import{a as t}from"./chunks/chunk-KI7I7O32.js";function f(r){r("hash",async()=>(await import("./chunks/hash-command.js")).command),r("statement",async()=>(await import("./chunks/statement-UO5IZA7H.js")).command),r("sign",async()=>(await import("./chunks/sign-7LG55BUL.js")).command),r("verify",async()=>(await import("./chunks/verify-J4NSVATI.js")).command),r("verify-bundle",async()=>(await import("./chunks/verify-bundle-KWCYFQ5L.js")).command),r("sign-bundle",async()=>(await import("./chunks/sign-bundle-542545AL.js")).command)}t(f,"registerAll");var m={};function v(r,n){m[r]=n}t(v,"registerCommand");f(v);async function w(r,n){let[e,...i]=r;if(!e||e==="--help"||e==="-h"||e==="help"){let o=await Promise.all(Object.entries(m).map(async([,s])=>s()));return n.stdout(`provenant: signed SLSA provenance for releases

Usage: provenant <command> [options]

Commands:
`+o.map(s=>`  ${s.name.padEnd(14)} ${s.summary}`).join(`
`)+`

Run \`provenant <command> --help\` for a command's options.
`),e?0:2}if(e==="--version"||e==="version")return n.stdout(`${u}
`),0;let d=m[e];if(!d)return n.stderr(`provenant: unknown command ${JSON.stringify(e)}; expected one of ${Object.keys(m).join(", ")}.
`),2;let a=await d();if(i.includes("--help")||i.includes("-h"))return n.stdout(a.usage.endsWith(`
`)?a.usage:`${a.usage}
`),0;try{return await a.run(i,n)}catch(o){if(p(o))return n.stderr(c.redact(`provenant ${e}: error [${o.code}]: ${o.message}
`)),o.exitCode;let s=o instanceof Error?o.stack??o.message:String(o);return n.stderr(c.redact(`provenant ${e}: unexpected error: ${s}
`)),1}}t(w,"runCli");var y=l(import.meta.url);if(y){let r=await w(process.argv.slice(2),{stdout:t(n=>process.stdout.write(n),"stdout"),stderr:t(n=>process.stderr.write(n),"stderr"),env:process.env,cwd:process.cwd(),isTTY:!!process.stderr.isTTY});process.stderr.write("",()=>process.stdout.write("",()=>process.exit(r)))}export{v as registerCommand,w as runCli};
