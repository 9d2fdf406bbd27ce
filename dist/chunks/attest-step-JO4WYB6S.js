#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as R,b as I,c as k,d as T,e as $,f as j}from"./chunk-AHY3MFLL.js";import"./chunk-UE5LU6MK.js";import{a as N,b as x,c as v}from"./chunk-VM2673FD.js";import"./chunk-TPIGF5VV.js";import"./chunk-HMXINKDP.js";import{d as E}from"./chunk-G2F6FX4Q.js";import{a as w,b as c,c as A}from"./chunk-7XNBMR7G.js";import{a as S,b as y}from"./chunk-2W3VQLHT.js";import"./chunk-HKT4AWTK.js";import{b as C}from"./chunk-HFNSSZFW.js";import{b as g}from"./chunk-HCTQ6KYJ.js";import"./chunk-STCK26CW.js";import"./chunk-FGMMN6JT.js";import{b}from"./chunk-IPBODBKT.js";import"./chunk-ZELWZK42.js";import"./chunk-T66NHTKU.js";import"./chunk-CRRMDEWY.js";import{a as h}from"./chunk-FGMG6ZDZ.js";import"./chunk-OGKAF2XS.js";import"./chunk-IRMA2UAH.js";import"./chunk-W45WDLHL.js";import"./chunk-7DANAGEH.js";import"./chunk-GGZBTO37.js";import"./chunk-PQCIM56I.js";import{c as f}from"./chunk-TD3BNEK4.js";import{a as o}from"./chunk-KI7I7O32.js";import _ from"node:path";import{spawn as L}from"node:child_process";import{createHash as P}from"node:crypto";import{constants as B}from"node:os";function O(e,t,a){return{run:o(i=>new Promise(n=>{let d=P("sha256"),l=P("sha256"),m=!1,p=o((s,r)=>{m||(m=!0,n({exitCode:s,stdoutSha256:d.digest("hex"),stderrSha256:l.digest("hex"),...r?{detail:r}:{}}))},"done"),u=L(i[0],i.slice(1),{cwd:e,env:t,stdio:["inherit","pipe","pipe"]});u.stdout.on("data",s=>{d.update(s),a.stdout(s)}),u.stderr.on("data",s=>{l.update(s),a.stderr(s)}),u.on("error",s=>p(127,`could not start ${i[0]}: ${s.code??s.message}`)),u.on("close",(s,r)=>{r?p(128+(B.signals[r]??0),`killed by ${r}`):p(s??1)})}),"run")}}o(O,"stepCommandRunner");var G=`Usage: provenant attest-step --name NAME [--materials PATTERNS] [--products PATTERNS] [options] [-- CMD ARG...]

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
${x}
${$}
Output:
  --output-dir DIR             where the link bundle goes (default: provenant-out)
  --bundle-name NAME           default: NAME.link.sigstore.json
  --format text|json           json prints the result as JSON on stdout (--json is the same); the command's
                               own output then goes to stderr
  --quiet                      no progress on stderr`,U={name:{type:"string"},materials:{type:"string",multiple:!0},products:{type:"string",multiple:!0},"base-dir":{type:"string"},...N,...T,"output-dir":{type:"string"},"bundle-name":{type:"string"},json:{type:"boolean"},format:{type:"string"},quiet:{type:"boolean"}};function q(e){let t=e.indexOf("--");return t<0?{own:e,command:[]}:{own:e.slice(0,t),command:e.slice(t+1)}}o(q,"splitCommand");function F(e,t,a,i){let n=h(e);if(n.length!==0)return{patterns:n,checksumFiles:[],digests:[],baseDir:t,allowOutsideBase:!1,ifNoFilesFound:"warn",algorithms:["sha256"],inputNames:{patterns:i},cwd:a.cwd,optionNames:b}}o(F,"patternsRequest");function J(e){return`${JSON.stringify({step:e.statement.predicate,bundlePath:e.bundle.path,products:e.bundle.subjects.map(t=>t.name),...e.run?{exitCode:e.run.exitCode}:{},...e.bundle.facts},null,2)}
`}o(J,"resultJson");function H(e,t){let a=t.bundle.facts;return`${t.bundle.path}
  step: ${e}
`+(t.run?`  exit code: ${t.run.exitCode}
`:"")+`  signed by: ${a.certificateIdentity}
`+(a.rekorLogIndex?`  rekor log index: ${a.rekorLogIndex}
`:"")}o(H,"resultText");async function K(e,t){let{own:a,command:i}=q(e),{values:n}=w("attest-step",a,U);if(typeof n.name!="string")throw f("USAGE",`provenant attest-step: expected --name NAME, got none. ${G.split(`
`)[0]}`);let d=R(n.name,"--name"),l=A(n),m=E(t,n.quiet===!0),p=_.resolve(t.cwd,n["base-dir"]??"."),u=await j(n,t,m)??k(await v(n,t,m),t.env.GITHUB_SERVER_URL??"https://github.com"),s=o(D=>M=>D(M.toString("utf8")),"passThrough"),r=await I({name:d,command:i,materials:F(c(n.materials),p,t,"--materials"),products:F(c(n.products),p,t,"--products"),outputDir:_.resolve(t.cwd,n["output-dir"]??"provenant-out"),bundleName:g(n["bundle-name"]??`${d}.link.sigstore.json`,"--bundle-name"),env:t.env,event:await S(t.env.GITHUB_EVENT_PATH)},{fs:y,command:O(t.cwd,t.env,{stdout:s(l?t.stderr:t.stdout),stderr:s(t.stderr)}),signing:u,writeFile:C,log:m});return t.stdout(l?J(r):H(d,r)),r.run&&r.run.exitCode!==0?(t.stderr(`provenant attest-step: failed [STEP_COMMAND_FAILED]: step ${d}: the command exited with ${r.run.exitCode}; its link, recording that, is signed at ${r.bundle.path}
`),1):0}o(K,"run");var lt={name:"attest-step",summary:"run one pipeline step and sign an in-toto link for it (materials, command, products)",usage:G,run:K};export{lt as command};
