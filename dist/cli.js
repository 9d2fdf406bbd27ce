#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as u}from"./chunks/chunk-OGKAF2XS.js";import{a as f}from"./chunks/chunk-32QFZ3UI.js";import{a as l}from"./chunks/chunk-XWR5Z732.js";import{a as p}from"./chunks/chunk-IRMA2UAH.js";import{a as d}from"./chunks/chunk-CNXVZQ6R.js";import"./chunks/chunk-FOFVM454.js";import{a as t}from"./chunks/chunk-KI7I7O32.js";function v(n){n("hash",async()=>(await import("./chunks/hash-command.js")).command),n("statement",async()=>(await import("./chunks/statement-3WGPWAJR.js")).command),n("sign",async()=>(await import("./chunks/sign-SIOLRAIW.js")).command),n("verify",async()=>(await import("./chunks/verify-NR3OZ3OE.js")).command),n("verify-bundle",async()=>(await import("./chunks/verify-bundle-OYYQLUGK.js")).command),n("sign-bundle",async()=>(await import("./chunks/sign-bundle-QD2T4MRN.js")).command)}t(v,"registerAll");var m={};function C(n,o){m[n]=o}t(C,"registerCommand");v(C);async function w(n,o){let[e,...s]=n;if(!e||e==="--help"||e==="-h"||e==="help"){let c=await Promise.all(Object.entries(m).map(async([,r])=>r()));return o.stdout(`provenant: signed SLSA provenance for releases

Usage: provenant <command> [options]

Commands:
`+c.map(r=>`  ${r.name.padEnd(14)} ${r.summary}`).join(`
`)+`

Run \`provenant <command> --help\` for a command's options.
`),e?0:2}if(e==="--version"||e==="version")return o.stdout(`${u}
`),0;let a=m[e];if(!a)return o.stderr(`provenant: unknown command ${JSON.stringify(e)}; expected one of ${Object.keys(m).join(", ")}.
`),2;let i=await a();if(s.includes("--help")||s.includes("-h"))return o.stdout(i.usage.endsWith(`
`)?i.usage:`${i.usage}
`),0;try{return await i.run(s,o)}catch(c){let r=l(c);return o.stderr(d.redact(r.unexpected?`provenant ${e}: unexpected error: ${r.message}
`:`provenant ${e}: error [${r.code}]: ${r.message}
`)),r.exitCode}}t(w,"runCli");function g(){if(process.env.GITHUB_ACTIONS!=="true")return!1;try{let n=p.fstatSync(2);return n.isFIFO()||n.isSocket()||n.isCharacterDevice()}catch{return!1}}t(g,"runnerReadsStderr");function y(n){let o=!1;return n.on("error",e=>{if(e.code!=="EPIPE")throw e;o=!0}),e=>{o||n.write(e)}}t(y,"writer");async function h(n=process.argv.slice(2)){let o=y(process.stdout),e=y(process.stderr),s=await w(n,{stdout:o,stderr:e,env:process.env,cwd:process.cwd(),isTTY:!!process.stderr.isTTY,...g()?{workflowCommand:t(a=>e(`${a}
`),"workflowCommand")}:{}});process.exitCode=s}t(h,"main");f(import.meta.url)&&h();export{h as main,C as registerCommand,w as runCli};
