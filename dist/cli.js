#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as u}from"./chunks/chunk-OGKAF2XS.js";import{a as f}from"./chunks/chunk-32QFZ3UI.js";import{a as p}from"./chunks/chunk-IRMA2UAH.js";import{a as l}from"./chunks/chunk-UPZHYVUA.js";import{a as d}from"./chunks/chunk-CNXVZQ6R.js";import"./chunks/chunk-UGPSQO4T.js";import{a as e}from"./chunks/chunk-KI7I7O32.js";function y(n){n("hash",async()=>(await import("./chunks/hash-command.js")).command),n("statement",async()=>(await import("./chunks/statement-F67Q7ZXL.js")).command),n("sign",async()=>(await import("./chunks/sign-5VMWIGUQ.js")).command),n("verify",async()=>(await import("./chunks/verify-K6U55CBI.js")).command),n("verify-bundle",async()=>(await import("./chunks/verify-bundle-DMF2GOWE.js")).command),n("sign-bundle",async()=>(await import("./chunks/sign-bundle-SXJ7IEZH.js")).command),n("encrypt",async()=>(await import("./chunks/encrypt-PT3WHH4T.js")).command),n("decrypt",async()=>(await import("./chunks/decrypt-ZZ7LCD5E.js")).command),n("broker",async()=>(await import("./chunks/broker-JBSTOQAZ.js")).command),n("approve",async()=>(await import("./chunks/approve-34ZOV3YR.js")).command)}e(y,"registerAll");var m={};function w(n,r){m[n]=r}e(w,"registerCommand");y(w);async function C(n,r){let[o,...a]=n;if(!o||o==="--help"||o==="-h"||o==="help"){let c=await Promise.all(Object.entries(m).map(async([,t])=>t()));return r.stdout(`provenant: signed SLSA provenance for releases

Usage: provenant <command> [options]

Commands:
`+c.map(t=>`  ${t.name.padEnd(14)} ${t.summary}`).join(`
`)+`

Run \`provenant <command> --help\` for a command's options.
`),o?0:2}if(o==="--version"||o==="version")return r.stdout(`${u}
`),0;let s=m[o];if(!s)return r.stderr(`provenant: unknown command ${JSON.stringify(o)}; expected one of ${Object.keys(m).join(", ")}.
`),2;let i=await s();if(a.includes("--help")||a.includes("-h"))return r.stdout(i.usage.endsWith(`
`)?i.usage:`${i.usage}
`),0;try{return await i.run(a,r)}catch(c){let t=l(c);return r.stderr(d.redact(t.unexpected?`provenant ${o}: unexpected error: ${t.message}
`:`provenant ${o}: error [${t.code}]: ${t.message}
`)),t.exitCode}}e(C,"runCli");function h(){if(process.env.GITHUB_ACTIONS!=="true")return!1;try{let n=p.fstatSync(2);return n.isFIFO()||n.isSocket()||n.isCharacterDevice()}catch{return!1}}e(h,"runnerReadsStderr");function v(n){let r=!1;return n.on("error",o=>{if(o.code!=="EPIPE")throw o;r=!0}),o=>{r||n.write(o)}}e(v,"writer");async function g(n=process.argv.slice(2)){let r=v(process.stdout),o=v(process.stderr),a=await C(n,{stdout:r,stderr:o,env:process.env,cwd:process.cwd(),isTTY:!!process.stderr.isTTY,...h()?{workflowCommand:e(s=>o(`${s}
`),"workflowCommand")}:{}});process.exitCode=a}e(g,"main");f(import.meta.url)&&g();export{g as main,w as registerCommand,C as runCli};
