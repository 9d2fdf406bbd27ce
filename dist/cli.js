#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as l}from"./chunks/chunk-32QFZ3UI.js";import"./chunks/chunk-IRMA2UAH.js";import{a as u}from"./chunks/chunk-ZQQUL4PW.js";import{a as c}from"./chunks/chunk-CNXVZQ6R.js";import{c as p}from"./chunks/chunk-H26ZB4SC.js";import{a as o}from"./chunks/chunk-KI7I7O32.js";var a={};function f(s,r){a[s]=r}o(f,"registerCommand");async function g(){let{registerAll:s}=await import("./chunks/registry-D7ZQ3ABK.js");s(f)}o(g,"loadCommands");async function v(s,r){await g();let[e,...m]=s;if(!e||e==="--help"||e==="-h"||e==="help"){let n=await Promise.all(Object.entries(a).map(async([,t])=>t()));return r.stdout(`provenant: signed SLSA provenance for releases

Usage: provenant <command> [options]

Commands:
`+n.map(t=>`  ${t.name.padEnd(14)} ${t.summary}`).join(`
`)+`

Run \`provenant <command> --help\` for a command's options.
`),e?0:2}if(e==="--version"||e==="version")return r.stdout(`${u}
`),0;let d=a[e];if(!d)return r.stderr(`provenant: unknown command ${JSON.stringify(e)}; expected one of ${Object.keys(a).join(", ")}.
`),2;let i=await d();if(m.includes("--help")||m.includes("-h"))return r.stdout(i.usage.endsWith(`
`)?i.usage:`${i.usage}
`),0;try{return await i.run(m,r)}catch(n){if(p(n))return r.stderr(c.redact(`provenant ${e}: error [${n.code}]: ${n.message}
`)),n.exitCode;let t=n instanceof Error?n.stack??n.message:String(n);return r.stderr(c.redact(`provenant ${e}: unexpected error: ${t}
`)),1}}o(v,"runCli");var w=l(import.meta.url);if(w){let s=await v(process.argv.slice(2),{stdout:o(r=>process.stdout.write(r),"stdout"),stderr:o(r=>process.stderr.write(r),"stderr"),env:process.env,cwd:process.cwd(),isTTY:!!process.stderr.isTTY});process.stderr.write("",()=>process.stdout.write("",()=>process.exit(s)))}export{f as registerCommand,v as runCli};
