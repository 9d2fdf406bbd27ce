#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as u}from"./chunks/chunk-OGKAF2XS.js";import{a as f}from"./chunks/chunk-32QFZ3UI.js";import{a as l}from"./chunks/chunk-KOORZKVP.js";import{a as p}from"./chunks/chunk-IRMA2UAH.js";import{a as d}from"./chunks/chunk-CNXVZQ6R.js";import"./chunks/chunk-GWZ3R5NY.js";import{a as t}from"./chunks/chunk-KI7I7O32.js";function v(n){n("hash",async()=>(await import("./chunks/hash-command.js")).command),n("statement",async()=>(await import("./chunks/statement-S3SECKN5.js")).command),n("sign",async()=>(await import("./chunks/sign-GO6GC2WA.js")).command),n("verify",async()=>(await import("./chunks/verify-4YOHBVG4.js")).command),n("verify-bundle",async()=>(await import("./chunks/verify-bundle-NTOQZDRR.js")).command),n("sign-bundle",async()=>(await import("./chunks/sign-bundle-LBMR3AH6.js")).command),n("approve",async()=>(await import("./chunks/approve-QPVHRUBG.js")).command)}t(v,"registerAll");var m={};function C(n,e){m[n]=e}t(C,"registerCommand");v(C);async function w(n,e){let[o,...s]=n;if(!o||o==="--help"||o==="-h"||o==="help"){let c=await Promise.all(Object.entries(m).map(async([,r])=>r()));return e.stdout(`provenant: signed SLSA provenance for releases

Usage: provenant <command> [options]

Commands:
`+c.map(r=>`  ${r.name.padEnd(14)} ${r.summary}`).join(`
`)+`

Run \`provenant <command> --help\` for a command's options.
`),o?0:2}if(o==="--version"||o==="version")return e.stdout(`${u}
`),0;let a=m[o];if(!a)return e.stderr(`provenant: unknown command ${JSON.stringify(o)}; expected one of ${Object.keys(m).join(", ")}.
`),2;let i=await a();if(s.includes("--help")||s.includes("-h"))return e.stdout(i.usage.endsWith(`
`)?i.usage:`${i.usage}
`),0;try{return await i.run(s,e)}catch(c){let r=l(c);return e.stderr(d.redact(r.unexpected?`provenant ${o}: unexpected error: ${r.message}
`:`provenant ${o}: error [${r.code}]: ${r.message}
`)),r.exitCode}}t(w,"runCli");function g(){if(process.env.GITHUB_ACTIONS!=="true")return!1;try{let n=p.fstatSync(2);return n.isFIFO()||n.isSocket()||n.isCharacterDevice()}catch{return!1}}t(g,"runnerReadsStderr");function y(n){let e=!1;return n.on("error",o=>{if(o.code!=="EPIPE")throw o;e=!0}),o=>{e||n.write(o)}}t(y,"writer");async function h(n=process.argv.slice(2)){let e=y(process.stdout),o=y(process.stderr),s=await w(n,{stdout:e,stderr:o,env:process.env,cwd:process.cwd(),isTTY:!!process.stderr.isTTY,...g()?{workflowCommand:t(a=>o(`${a}
`),"workflowCommand")}:{}});process.exitCode=s}t(h,"main");f(import.meta.url)&&h();export{h as main,C as registerCommand,w as runCli};
