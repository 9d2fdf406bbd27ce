#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as T,b as j,c as _}from"./chunk-IVIXZHGW.js";import{d as E,e as C,h as I}from"./chunk-TZLU2XMM.js";import{d as N}from"./chunk-45MXMHJR.js";import{a as A,b as d,c as w}from"./chunk-VXSI7TCF.js";import"./chunk-DC5GYI6M.js";import"./chunk-DIGMCHBZ.js";import"./chunk-WZUDLGON.js";import"./chunk-LJQZLVBC.js";import{a as v}from"./chunk-FYVSLUN2.js";import{a as R,b as k,c as x}from"./chunk-MO6UPACH.js";import"./chunk-AX7NTIJZ.js";import{a as h,b as y}from"./chunk-WMFLPCEX.js";import"./chunk-QQFC5LBJ.js";import{b as g}from"./chunk-47YAPV5S.js";import"./chunk-TQ7WWKOF.js";import{a as S}from"./chunk-ESRNSCEY.js";import"./chunk-7DANAGEH.js";import"./chunk-N6G2H3JH.js";import{b}from"./chunk-E3UPE373.js";import"./chunk-AIQUGS5M.js";import"./chunk-667VXOXV.js";import"./chunk-K7USK4IP.js";import{a as f}from"./chunk-6J72U2SL.js";import"./chunk-OGKAF2XS.js";import"./chunk-IRMA2UAH.js";import"./chunk-IQWNFCJT.js";import"./chunk-4B5JODGF.js";import"./chunk-GJPX23F7.js";import"./chunk-GGZBTO37.js";import"./chunk-OEVUFJ2C.js";import"./chunk-REDZXMKD.js";import"./chunk-CRRMDEWY.js";import"./chunk-W45WDLHL.js";import{c}from"./chunk-X2VZSDU6.js";import{a as r}from"./chunk-KI7I7O32.js";import $ from"node:path";var G=`Usage: provenant attest-step --name NAME [--materials PATTERNS] [--products PATTERNS] [options] [-- CMD ARG...]

Attests one step of a pipeline: hashes the materials, runs CMD (no shell; its output passes through), hashes the
products, and signs an in-toto link v0.3 statement (name, command, materials, byproducts: exit code and the
digests of stdout and stderr, environment: the run's facts) whose subjects are the products. Without -- CMD it
records a step that ran elsewhere. A failing command still gets its signed link; then the exit code is 1.
A layout names the steps and who may sign each (docs/layouts.md); \`provenant verify --layout\` checks them.

Step:
  --name NAME                  the step's name in the layout (letters, digits, . _ -)
  --materials PATTERNS         files, directories or globs the step reads (repeatable, comma-separated)
  --products PATTERNS          files, directories or globs the step makes (repeatable, comma-separated)
  --base-dir DIR               artifact names are paths relative to DIR (default: the current directory)
${C}
${j}
Output:
  --output-dir DIR             where the link bundle goes (default: provenant-out)
  --bundle-name NAME           default: NAME.link.sigstore.json
  --format text|json           json prints the result as JSON on stdout (--json is the same); the command's
                               own output then goes to stderr
  --quiet                      no progress on stderr`,M={name:{type:"string"},materials:{type:"string",multiple:!0},products:{type:"string",multiple:!0},"base-dir":{type:"string"},...E,...T,"output-dir":{type:"string"},"bundle-name":{type:"string"},json:{type:"boolean"},format:{type:"string"},quiet:{type:"boolean"}};function L(e){let t=e.indexOf("--");return t<0?{own:e,command:[]}:{own:e.slice(0,t),command:e.slice(t+1)}}r(L,"splitCommand");function F(e,t,s,i){let n=f(e);if(n.length!==0)return{patterns:n,checksumFiles:[],digests:[],baseDir:t,allowOutsideBase:!1,ifNoFilesFound:"warn",algorithms:["sha256"],inputNames:{patterns:i},cwd:s.cwd,optionNames:b}}r(F,"patternsRequest");function U(e){return`${JSON.stringify({step:e.statement.predicate,bundlePath:e.bundle.path,products:e.bundle.subjects.map(t=>t.name),...e.run?{exitCode:e.run.exitCode}:{},...e.bundle.facts},null,2)}
`}r(U,"resultJson");function q(e,t){let s=t.bundle.facts;return`${t.bundle.path}
  step: ${e}
`+(t.run?`  exit code: ${t.run.exitCode}
`:"")+`  signed by: ${s.certificateIdentity}
`+(s.rekorLogIndex?`  rekor log index: ${s.rekorLogIndex}
`:"")}r(q,"resultText");async function B(e,t){let{own:s,command:i}=L(e),{values:n}=A("attest-step",s,M);if(typeof n.name!="string")throw c("USAGE",`provenant attest-step: expected --name NAME, got none. ${G.split(`
`)[0]}`);let a=R(n.name,"--name"),p=w(n),m=N(t,n.quiet===!0),u=$.resolve(t.cwd,n["base-dir"]??"."),O=await _(n,t,m)??x(await I(n,t,m),t.env.GITHUB_SERVER_URL??"https://github.com"),l=r(P=>D=>P(D.toString("utf8")),"passThrough"),o=await k({name:a,command:i,materials:F(d(n.materials),u,t,"--materials"),products:F(d(n.products),u,t,"--products"),outputDir:$.resolve(t.cwd,n["output-dir"]??"provenant-out"),bundleName:g(n["bundle-name"]??`${a}.link.sigstore.json`,"--bundle-name"),env:t.env,event:await h(t.env.GITHUB_EVENT_PATH)},{fs:y,command:v(t.cwd,t.env,{stdout:l(p?t.stderr:t.stdout),stderr:l(t.stderr)}),signing:O,writeFile:S,log:m});return t.stdout(p?U(o):q(a,o)),o.run&&o.run.exitCode!==0?(t.stderr(`provenant attest-step: failed [STEP_COMMAND_FAILED]: step ${a}: the command exited with ${o.run.exitCode}; its link, recording that, is signed at ${o.bundle.path}
`),1):0}r(B,"run");var rt={name:"attest-step",summary:"run one pipeline step and sign an in-toto link for it (materials, command, products)",usage:G,run:B};export{rt as command};
