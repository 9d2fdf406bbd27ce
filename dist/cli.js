#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as l}from"./chunks/chunk-XFGDXTZQ.js";import{a as u}from"./chunks/chunk-ZQQUL4PW.js";import{a as c}from"./chunks/chunk-CNXVZQ6R.js";import{c as p}from"./chunks/chunk-H26ZB4SC.js";import{a as t}from"./chunks/chunk-KI7I7O32.js";var i={};function f(s,n){i[s]=n}t(f,"registerCommand");async function g(){let{registerAll:s}=await import("./chunks/registry-UD7FKCLQ.js");s(f)}t(g,"loadCommands");async function v(s,n){await g();let[e,...m]=s;if(!e||e==="--help"||e==="-h"||e==="help"){let r=await Promise.all(Object.entries(i).map(async([,o])=>o()));return n.stdout(`provenant: signed SLSA provenance for releases

Usage: provenant <command> [options]

Commands:
`+r.map(o=>`  ${o.name.padEnd(14)} ${o.summary}`).join(`
`)+`

Run \`provenant <command> --help\` for a command's options.
`),e?0:2}if(e==="--version"||e==="version")return n.stdout(`${u}
`),0;let d=i[e];if(!d)return n.stderr(`provenant: unknown command ${JSON.stringify(e)}; expected one of ${Object.keys(i).join(", ")}.
`),2;let a=await d();if(m.includes("--help")||m.includes("-h"))return n.stdout(a.usage.endsWith(`
`)?a.usage:`${a.usage}
`),0;try{return await a.run(m,n)}catch(r){if(p(r))return n.stderr(c.redact(`provenant ${e}: error [${r.code}]: ${r.message}
`)),r.exitCode;let o=r instanceof Error?r.stack??r.message:String(r);return n.stderr(c.redact(`provenant ${e}: unexpected error: ${o}
`)),1}}t(v,"runCli");var C=l(import.meta.url);if(C){let s=await v(process.argv.slice(2),{stdout:t(n=>process.stdout.write(n),"stdout"),stderr:t(n=>process.stderr.write(n),"stderr"),env:process.env,cwd:process.cwd(),isTTY:!!process.stderr.isTTY});process.exitCode=s}export{f as registerCommand,v as runCli};
