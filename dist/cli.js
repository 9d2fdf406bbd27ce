#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as u}from"./chunks/chunk-OGKAF2XS.js";import{a as f}from"./chunks/chunk-32QFZ3UI.js";import{a as p}from"./chunks/chunk-IRMA2UAH.js";import{a as l}from"./chunks/chunk-FZRQ5LMO.js";import{a as d}from"./chunks/chunk-CNXVZQ6R.js";import"./chunks/chunk-6BC2VEHD.js";import{a as t}from"./chunks/chunk-KI7I7O32.js";function y(n){n("hash",async()=>(await import("./chunks/hash-command.js")).command),n("statement",async()=>(await import("./chunks/statement-CYOPGZQC.js")).command),n("sign",async()=>(await import("./chunks/sign-OHABXE2Y.js")).command),n("verify",async()=>(await import("./chunks/verify-7CAUSCH4.js")).command),n("verify-bundle",async()=>(await import("./chunks/verify-bundle-O75D5GQY.js")).command),n("sign-bundle",async()=>(await import("./chunks/sign-bundle-5LVJX5U4.js")).command),n("encrypt",async()=>(await import("./chunks/encrypt-R6JM6GUD.js")).command),n("decrypt",async()=>(await import("./chunks/decrypt-GFAFKRZN.js")).command),n("broker",async()=>(await import("./chunks/broker-3HXE5IG2.js")).command)}t(y,"registerAll");var m={};function w(n,r){m[n]=r}t(w,"registerCommand");y(w);async function C(n,r){let[o,...s]=n;if(!o||o==="--help"||o==="-h"||o==="help"){let c=await Promise.all(Object.entries(m).map(async([,e])=>e()));return r.stdout(`provenant: signed SLSA provenance for releases

Usage: provenant <command> [options]

Commands:
`+c.map(e=>`  ${e.name.padEnd(14)} ${e.summary}`).join(`
`)+`

Run \`provenant <command> --help\` for a command's options.
`),o?0:2}if(o==="--version"||o==="version")return r.stdout(`${u}
`),0;let a=m[o];if(!a)return r.stderr(`provenant: unknown command ${JSON.stringify(o)}; expected one of ${Object.keys(m).join(", ")}.
`),2;let i=await a();if(s.includes("--help")||s.includes("-h"))return r.stdout(i.usage.endsWith(`
`)?i.usage:`${i.usage}
`),0;try{return await i.run(s,r)}catch(c){let e=l(c);return r.stderr(d.redact(e.unexpected?`provenant ${o}: unexpected error: ${e.message}
`:`provenant ${o}: error [${e.code}]: ${e.message}
`)),e.exitCode}}t(C,"runCli");function g(){if(process.env.GITHUB_ACTIONS!=="true")return!1;try{let n=p.fstatSync(2);return n.isFIFO()||n.isSocket()||n.isCharacterDevice()}catch{return!1}}t(g,"runnerReadsStderr");function v(n){let r=!1;return n.on("error",o=>{if(o.code!=="EPIPE")throw o;r=!0}),o=>{r||n.write(o)}}t(v,"writer");async function h(n=process.argv.slice(2)){let r=v(process.stdout),o=v(process.stderr),s=await C(n,{stdout:r,stderr:o,env:process.env,cwd:process.cwd(),isTTY:!!process.stderr.isTTY,...g()?{workflowCommand:t(a=>o(`${a}
`),"workflowCommand")}:{}});process.exitCode=s}t(h,"main");f(import.meta.url)&&h();export{h as main,w as registerCommand,C as runCli};
