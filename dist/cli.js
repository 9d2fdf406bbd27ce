#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as y}from"./chunks/chunk-32QFZ3UI.js";import{a as l}from"./chunks/chunk-OGKAF2XS.js";import{a as u}from"./chunks/chunk-IRMA2UAH.js";import{a as f}from"./chunks/chunk-GHPIHMT3.js";import{a as p}from"./chunks/chunk-CNXVZQ6R.js";import"./chunks/chunk-X2VZSDU6.js";import{a as e}from"./chunks/chunk-KI7I7O32.js";function w(n){n("hash",async()=>(await import("./chunks/hash-command.js")).command),n("statement",async()=>(await import("./chunks/statement-I2DJKIFQ.js")).command),n("sign",async()=>(await import("./chunks/sign-EBCM7FUE.js")).command),n("verify",async()=>(await import("./chunks/verify-ENNU5OUS.js")).command),n("verify-bundle",async()=>(await import("./chunks/verify-bundle-YUMALA4T.js")).command),n("sign-bundle",async()=>(await import("./chunks/sign-bundle-WNE3UU4Q.js")).command),n("encrypt",async()=>(await import("./chunks/encrypt-YSMZO7XD.js")).command),n("decrypt",async()=>(await import("./chunks/decrypt-TSKEJV54.js")).command),n("broker",async()=>(await import("./chunks/broker-FXFMVD3O.js")).command),n("approve",async()=>(await import("./chunks/approve-XG22U2RX.js")).command),n("attest-step",async()=>(await import("./chunks/attest-step-THLU4PA3.js")).command),n("layout",async()=>(await import("./chunks/layout-WBWBFTX5.js")).command),n("sign-layout",async()=>(await import("./chunks/sign-layout-6QTBGEIH.js")).command)}e(w,"registerAll");var i={};function C(n,t){i[n]=t}e(C,"registerCommand");w(C);async function h(n,t){let[o,...a]=n;if(!o||o==="--help"||o==="-h"||o==="help"){let c=await Promise.all(Object.entries(i).map(async([,r])=>r()));return t.stdout(`provenant: signed SLSA provenance for releases

Usage: provenant <command> [options]

Commands:
`+c.map(r=>`  ${r.name.padEnd(14)} ${r.summary}`).join(`
`)+`

Run \`provenant <command> --help\` for a command's options.
`),o?0:2}if(o==="--version"||o==="version")return t.stdout(`${l}
`),0;let s=i[o];if(!s)return t.stderr(`provenant: unknown command ${JSON.stringify(o)}; expected one of ${Object.keys(i).join(", ")}.
`),2;let m=await s(),d=a.includes("--")?a.slice(0,a.indexOf("--")):a;if(d.includes("--help")||d.includes("-h"))return t.stdout(m.usage.endsWith(`
`)?m.usage:`${m.usage}
`),0;try{return await m.run(a,t)}catch(c){let r=f(c);return t.stderr(p.redact(r.unexpected?`provenant ${o}: unexpected error: ${r.message}
`:`provenant ${o}: error [${r.code}]: ${r.message}
`)),r.exitCode}}e(h,"runCli");function x(){if(process.env.GITHUB_ACTIONS!=="true")return!1;try{let n=u.fstatSync(2);return n.isFIFO()||n.isSocket()||n.isCharacterDevice()}catch{return!1}}e(x,"runnerReadsStderr");function v(n){let t=!1;return n.on("error",o=>{if(o.code!=="EPIPE")throw o;t=!0}),o=>{t||n.write(o)}}e(v,"writer");async function $(n=process.argv.slice(2)){let t=v(process.stdout),o=v(process.stderr),a=await h(n,{stdout:t,stderr:o,env:process.env,cwd:process.cwd(),isTTY:!!process.stderr.isTTY,...x()?{workflowCommand:e(s=>o(`${s}
`),"workflowCommand")}:{}});process.exitCode=a}e($,"main");y(import.meta.url)&&$();export{$ as main,C as registerCommand,h as runCli};
