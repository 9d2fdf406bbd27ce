#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as y}from"./chunk-IQW7LQDX.js";import{a as v,b as w,c as b,d as h}from"./chunk-45MXMHJR.js";import{a as g}from"./chunk-VXSI7TCF.js";import{a as u,b as a}from"./chunk-WMFLPCEX.js";import{a as l,b as d,d as f}from"./chunk-QQFC5LBJ.js";import"./chunk-47YAPV5S.js";import"./chunk-TQ7WWKOF.js";import{a as p}from"./chunk-ESRNSCEY.js";import"./chunk-7DANAGEH.js";import"./chunk-N6G2H3JH.js";import"./chunk-E3UPE373.js";import{b as c}from"./chunk-AIQUGS5M.js";import"./chunk-667VXOXV.js";import"./chunk-K7USK4IP.js";import"./chunk-6J72U2SL.js";import"./chunk-OGKAF2XS.js";import"./chunk-IRMA2UAH.js";import"./chunk-IQWNFCJT.js";import"./chunk-REDZXMKD.js";import"./chunk-CRRMDEWY.js";import"./chunk-X2VZSDU6.js";import{a as m}from"./chunk-KI7I7O32.js";import F from"node:path";async function C(o){let t=await u(o.GITHUB_EVENT_PATH);return c(o,t,d({}))}m(C,"buildContextForCli");var $={name:"statement",summary:"build the unsigned in-toto SLSA v1 provenance statement",usage:`Usage: provenant statement [PATTERN...] [options]

Builds an in-toto Statement v1 with an SLSA v1 provenance predicate (GitHub's layout, plus workflow inputs,
runner and tool versions) for the subjects, from the GitHub Actions environment (GITHUB_*, RUNNER_*,
GITHUB_EVENT_PATH). Nothing is signed.

${w}
Output:
  --output FILE                write the statement to FILE (default: stdout)
  --quiet                      no progress on stderr`,async run(o,t){let{values:e,positionals:E}=g("statement",o,{...v,output:{type:"string",short:"o"},quiet:{type:"boolean"}}),S=b(e,E,t),s=h(t,e.quiet===!0),j=await C(t.env),n=await y(t,e.quiet===!0,r=>f(S,{fs:r,log:s}),a),i=`${JSON.stringify(l(n,j),null,2)}
`;if(typeof e.output=="string"){let r=await p(F.resolve(t.cwd,e.output),i);s.info(`Statement for ${n.length} subject${n.length===1?"":"s"} written to ${r}`)}else t.stdout(i);return 0}};export{$ as command};
