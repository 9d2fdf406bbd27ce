#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as v,b as w,c as S,d as b,e as E}from"./chunk-3U7YDQSY.js";import{a as g}from"./chunk-Z6VKRVIH.js";import{a}from"./chunk-EG4CKOEP.js";import{a as p}from"./chunk-U5IAU6GG.js";import{a as u,c as d}from"./chunk-HT3HFM4Z.js";import"./chunk-PXSONGWN.js";import"./chunk-HQ2D2NML.js";import"./chunk-VJSABMJ6.js";import{a as f}from"./chunk-ZQQUL4PW.js";import{a as l}from"./chunk-D4TGDIKI.js";import{b as c}from"./chunk-6FZTUNDC.js";import"./chunk-72PB7QRV.js";import"./chunk-MR7MRM2R.js";import"./chunk-H26ZB4SC.js";import{a as m}from"./chunk-KI7I7O32.js";import T from"node:path";async function h(o){let t=await a(o.GITHUB_EVENT_PATH);return c(o,t,{finishedOn:new Date().toISOString(),tools:{provenant:f,node:process.versions.node}})}m(h,"buildContextForCli");var L={name:"statement",summary:"build the unsigned in-toto SLSA v1 provenance statement",usage:`Usage: provenant statement [PATTERN...] [options]

Builds an in-toto Statement v1 with an SLSA v1 provenance predicate (GitHub's layout, plus workflow inputs,
runner and tool versions) for the subjects, from the GitHub Actions environment (GITHUB_*, RUNNER_*,
GITHUB_EVENT_PATH). Nothing is signed.

${w}
Output:
  --output FILE                write the statement to FILE (default: stdout)
  --quiet                      no progress on stderr`,async run(o,t){let{values:e,positionals:y}=g("statement",o,{...v,output:{type:"string",short:"o"},quiet:{type:"boolean"}}),C=S(e,y,t),s=b(t,e.quiet===!0),N=await h(t.env),n=await E(t,e.quiet===!0,r=>d(C,r,s),u),i=`${JSON.stringify(l(n,N),null,2)}
`;if(typeof e.output=="string"){let r=await p(T.resolve(t.cwd,e.output),i);s.info(`Statement for ${n.length} subject${n.length===1?"":"s"} written to ${r}`)}else t.stdout(i);return 0}};export{L as command};
