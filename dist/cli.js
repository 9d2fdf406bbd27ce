#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as y}from"./chunks/chunk-32QFZ3UI.js";import{a as l}from"./chunks/chunk-OGKAF2XS.js";import{a as f}from"./chunks/chunk-X427VYW3.js";import{a as u}from"./chunks/chunk-IRMA2UAH.js";import{a as p}from"./chunks/chunk-CNXVZQ6R.js";import"./chunks/chunk-G2FOKI42.js";import{a as r}from"./chunks/chunk-KI7I7O32.js";function v(n){n("hash",async()=>(await import("./chunks/hash-command.js")).command),n("statement",async()=>(await import("./chunks/statement-BUUI6FOG.js")).command),n("sign",async()=>(await import("./chunks/sign-J2EKVFXZ.js")).command),n("verify",async()=>(await import("./chunks/verify-MUXYQ3IW.js")).command),n("verify-bundle",async()=>(await import("./chunks/verify-bundle-BOY6SBE2.js")).command),n("sign-bundle",async()=>(await import("./chunks/sign-bundle-Y7RACHVY.js")).command),n("attest-step",async()=>(await import("./chunks/attest-step-L6ZQK6MH.js")).command),n("layout",async()=>(await import("./chunks/layout-UDGCNNMH.js")).command),n("sign-layout",async()=>(await import("./chunks/sign-layout-SQ23VV4J.js")).command)}r(v,"registerAll");var m={};function C(n,t){m[n]=t}r(C,"registerCommand");v(C);async function g(n,t){let[o,...s]=n;if(!o||o==="--help"||o==="-h"||o==="help"){let c=await Promise.all(Object.entries(m).map(async([,e])=>e()));return t.stdout(`provenant: signed SLSA provenance for releases

Usage: provenant <command> [options]

Commands:
`+c.map(e=>`  ${e.name.padEnd(14)} ${e.summary}`).join(`
`)+`

Run \`provenant <command> --help\` for a command's options.
`),o?0:2}if(o==="--version"||o==="version")return t.stdout(`${l}
`),0;let a=m[o];if(!a)return t.stderr(`provenant: unknown command ${JSON.stringify(o)}; expected one of ${Object.keys(m).join(", ")}.
`),2;let i=await a(),d=s.includes("--")?s.slice(0,s.indexOf("--")):s;if(d.includes("--help")||d.includes("-h"))return t.stdout(i.usage.endsWith(`
`)?i.usage:`${i.usage}
`),0;try{return await i.run(s,t)}catch(c){let e=f(c);return t.stderr(p.redact(e.unexpected?`provenant ${o}: unexpected error: ${e.message}
`:`provenant ${o}: error [${e.code}]: ${e.message}
`)),e.exitCode}}r(g,"runCli");function h(){if(process.env.GITHUB_ACTIONS!=="true")return!1;try{let n=u.fstatSync(2);return n.isFIFO()||n.isSocket()||n.isCharacterDevice()}catch{return!1}}r(h,"runnerReadsStderr");function w(n){let t=!1;return n.on("error",o=>{if(o.code!=="EPIPE")throw o;t=!0}),o=>{t||n.write(o)}}r(w,"writer");async function x(n=process.argv.slice(2)){let t=w(process.stdout),o=w(process.stderr),s=await g(n,{stdout:t,stderr:o,env:process.env,cwd:process.cwd(),isTTY:!!process.stderr.isTTY,...h()?{workflowCommand:r(a=>o(`${a}
`),"workflowCommand")}:{}});process.exitCode=s}r(x,"main");y(import.meta.url)&&x();export{x as main,C as registerCommand,g as runCli};
