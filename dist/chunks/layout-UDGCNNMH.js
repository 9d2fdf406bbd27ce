#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as y}from"./chunk-ZEL5PRHP.js";import{g as u}from"./chunk-ZOBGIXL2.js";import{a as d}from"./chunk-LJBSD6LT.js";import{c as m}from"./chunk-CVDJ3PS5.js";import"./chunk-CVA7UMAT.js";import"./chunk-2TINWN6A.js";import"./chunk-RBQPOD7Y.js";import"./chunk-LDTQHYCE.js";import"./chunk-CRRMDEWY.js";import"./chunk-IRMA2UAH.js";import{c,e as p}from"./chunk-G2FOKI42.js";import{a as l}from"./chunk-KI7I7O32.js";import{readFile as f}from"node:fs/promises";import{resolve as w}from"node:path";var g=`Usage: provenant layout check FILE [--strict]

Checks a layout (JSON, or YAML when FILE ends in .yml or .yaml; format in docs/layouts.md) and warns about what
would let a tampered pipeline pass: every rule list that does not end in DISALLOW (in-toto closes each list with
an implicit ALLOW), MATCH rules naming no step, unanchored identity patterns, steps whose functionaries cannot tell
the jobs of one workflow apart, and a near or past expiry. Exit 0: valid (warnings or not; with --strict, only
without warnings); 1: warnings under --strict; 2: not a valid layout.`;async function L(e,o){let a=w(o.cwd,e);try{return{path:a,text:await f(a,"utf8")}}catch(t){throw c("FILE_NOT_FOUND",`expected a readable layout file, got ${p(e)} (${t.code??""}).`)}}l(L,"readLayoutFile");async function x(e,o){let{values:a,positionals:t}=d("layout",e,{strict:{type:"boolean"}});if(t[0]!=="check"||t.length!==2)throw c("USAGE",`expected \`provenant layout check FILE\`, got ${p(t.join(" "))}.`);let r=t[1],{text:h}=await L(r,o),n=u(h,r),i=y(n,new Date);for(let s of i)o.stderr(`provenant layout check: warning: ${m(s)}
`);return o.stdout(`${m(r)}: a valid layout of ${n.steps.length} step(s) (${n.steps.map(s=>s.name).join(" \u2192 ")}), ${n.functionaries.size} functionar${n.functionaries.size===1?"y":"ies"}, ${i.length} warning(s)
`),a.strict===!0&&i.length>0?1:0}l(x,"run");var F={name:"layout",summary:"check a pipeline layout: its format, and rule lists that would let tampering pass",usage:g,run:x};export{F as command,L as readLayoutFile};
