#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as v,b as E}from"./chunk-GEQR7OVT.js";import{a as g,b as a,c as y,d as b,e as h}from"./chunk-HJEGRCRT.js";import{b as m,h as p}from"./chunk-L72KK7DO.js";import"./chunk-2TINWN6A.js";import"./chunk-GEFTLVXL.js";import"./chunk-WWPY7INJ.js";import{k as f,l}from"./chunk-A5JVQTYC.js";import"./chunk-KQNWLFEE.js";import"./chunk-CRRMDEWY.js";import"./chunk-YY2CH4VA.js";import{b as i,c}from"./chunk-FY7JOBGF.js";import{a as r}from"./chunk-KI7I7O32.js";import{resolve as w}from"node:path";var d=31;function A(e){let n=`  --${e.name}${e.type==="string"?` ${e.argument}`:""}`;return n.length<=d-2?`${n.padEnd(d)}${e.help}`:`${n}
${" ".repeat(d)}${e.help}`}r(A,"usageLine");var C=`Usage: provenant verify ARTIFACT|sha256:HEX... [options]

Verifies each artifact against a Sigstore bundle and a policy. Exit 0: all verified; 1: any failed; 2: usage.

Bundles (default: <artifact>.sigstore.json beside each artifact):
  --bundle FILE                one bundle (or .jsonl, one bundle per line) for all artifacts
  --bundle-dir DIR             <artifact name>.sigstore.json in DIR, else any bundle in DIR naming the artifact

Policy (at least one identity constraint; --owner or --repo suffice):
${a.map(A).join(`
`)}

Trust:
  --trusted-root FILE          a trusted_root.json (offline); else TUF for --instance
  --instance NAME              public-good (default), staging or github
  --tuf-cache-dir DIR          TUF metadata cache (default ~/.cache/provenant/tuf)
  --tuf-root FILE              initial TUF root.json for instances not embedded in sigstore-js

Output:
  --format text|json           default text`,P={bundle:{type:"string"},"bundle-dir":{type:"string"},"trusted-root":{type:"string"},instance:{type:"string"},"tuf-cache-dir":{type:"string"},"tuf-root":{type:"string"},format:{type:"string"}},R=Object.fromEntries(a.map(e=>[e.name,{type:e.type}]));function T(e){return g(y({string:r(n=>E(e[n])[0],"string"),boolean:r(n=>e[n]===!0,"boolean")}))}r(T,"policyFrom");async function O(e,n){let{values:t,positionals:u}=v("verify",e,{...R,...P}),o=t.format??"text";if(o!=="text"&&o!=="json")throw i("USAGE",`--format: expected text or json, got ${JSON.stringify(o)}.`);if(t.bundle!==void 0&&t["bundle-dir"]!==void 0)throw i("USAGE","expected at most one of --bundle and --bundle-dir, got both.");let $=T(t);if(u.length===0)throw i("USAGE",`expected at least one ARTIFACT or sha256:HEX, got none. ${C.split(`
`)[0]}`);let j=r(I=>w(n.cwd,I),"here"),x={...t["trusted-root"]!==void 0?{trustedRoot:t["trusted-root"]}:{},...t.instance!==void 0?{instance:t.instance}:{},...t["tuf-cache-dir"]!==void 0?{tufCacheDir:t["tuf-cache-dir"]}:{},...t["tuf-root"]!==void 0?{tufRoot:t["tuf-root"]}:{}},F=await l(x,j),s=await p({artifacts:u,...t.bundle!==void 0?{bundle:t.bundle}:{},...t["bundle-dir"]!==void 0?{bundleDir:t["bundle-dir"]}:{},policy:$},m(f(F),n.cwd));return n.stdout(o==="json"?h(s):b(s)),s.verified?0:1}r(O,"run");var J={name:"verify",summary:"verify artifacts against Sigstore bundles and a signer/source policy",usage:C,async run(e,n){try{return await O(e,n)}catch(t){if(!c(t))throw t;return n.stderr(`provenant verify: ${t.exitCode===2?"error":"not verified"} [${t.code}]: ${t.message}
`),t.exitCode}}};export{J as command};
