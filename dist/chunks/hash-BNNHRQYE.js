#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as i,b as c,c as p,d as l,e as d}from"./chunk-4KHZXQBC.js";import{a as u}from"./chunk-VCT3CDKJ.js";import{a as n,b as a,c as m}from"./chunk-MV4VK7TC.js";import"./chunk-NG74J5QH.js";import"./chunk-KLBTVICK.js";import"./chunk-NWCS36VI.js";import"./chunk-IRMA2UAH.js";import"./chunk-CUZB2ASK.js";import"./chunk-H26ZB4SC.js";import"./chunk-KI7I7O32.js";var P={name:"hash",summary:"digest build outputs (sha256sum-compatible lines, or --json)",usage:`Usage: provenant hash [PATTERN...] [options]

Prints one "<digest>  <name>" line per subject, names relative to --base-dir, in a stable order, so
\`sha256sum -c\` run from the base directory accepts the output.

${c}
Output:
  --json                       print [{"name", "digest": {...}, "size"}] instead
  --quiet                      no progress or summary on stderr`,async run(g,t){let{values:s,positionals:b}=u("hash",g,{...i,json:{type:"boolean"},quiet:{type:"boolean"}}),o=p(s,b,t),f=l(t,s.quiet===!0),r=await d(t,s.quiet===!0,e=>m(o,e,f),n);if(s.json===!0)t.stdout(`${JSON.stringify(r,null,2)}
`);else for(let e of o.algorithms)t.stdout(a(r,e));return 0}};export{P as command};
