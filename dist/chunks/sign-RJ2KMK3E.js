#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as S,b as w,c as k}from"./chunk-VM2673FD.js";import{a as N}from"./chunk-5DV7XJBP.js";import{a as j,b as h,c as A,d as R}from"./chunk-G2F6FX4Q.js";import"./chunk-TPIGF5VV.js";import{a as y,c as b}from"./chunk-7XNBMR7G.js";import"./chunk-HMXINKDP.js";import"./chunk-STCK26CW.js";import{a as f}from"./chunk-KT7OE2LD.js";import{a as p,b as c}from"./chunk-2W3VQLHT.js";import"./chunk-HKT4AWTK.js";import{b as g}from"./chunk-HFNSSZFW.js";import{b as m,e as d,j as l}from"./chunk-HCTQ6KYJ.js";import"./chunk-FGMMN6JT.js";import"./chunk-IPBODBKT.js";import"./chunk-ZELWZK42.js";import"./chunk-T66NHTKU.js";import"./chunk-CRRMDEWY.js";import"./chunk-FGMG6ZDZ.js";import"./chunk-OGKAF2XS.js";import"./chunk-IRMA2UAH.js";import"./chunk-W45WDLHL.js";import"./chunk-GGZBTO37.js";import"./chunk-7DANAGEH.js";import"./chunk-PQCIM56I.js";import{c as a,e as u}from"./chunk-TD3BNEK4.js";import{a as s}from"./chunk-KI7I7O32.js";import q from"node:path";var W={name:"sign",summary:"hash, build the SLSA v1 statement and keyless-sign it (Fulcio, Rekor and/or TSA)",usage:`Usage: provenant sign [PATTERN...] [options]

Hashes the subjects, builds the provenance statement from the identity token's GitHub claims, signs it with a
short-lived Fulcio certificate, records it in Rekor and/or gets an RFC 3161 timestamp, writes the Sigstore
bundle to --output-dir, and verifies it before returning.

${h}
${w}
Output:
  --output-dir DIR             where the statement and bundles go (default: provenant-out)
  --bundle-layout single|per-subject   (default: single)
  --bundle-name NAME           a plain file name; .sigstore.json is added unless it ends in .json or .jsonl
                               (default: provenance.sigstore.json)
  --subjects-per-statement N   (default: 1024)
  --format text|json           json prints the result as JSON on stdout (--json is the same)
  --quiet                      no progress on stderr`,async run(e,t){let{values:n,positionals:E}=y("sign",e,P),F=A(n,E,t),o=R(t,n.quiet===!0),I=s(r=>typeof r=="string"?q.resolve(t.cwd,r):void 0,"resolve"),T=x(n),G=b(n),U=await p(t.env.GITHUB_EVENT_PATH),$=await k(n,t,o),i=await N(t,n.quiet===!0,r=>f({subjects:F,outputDir:I(n["output-dir"]??C),dryRun:!1,env:t.env,event:U,extras:{},bundles:T},{fs:r,writeFile:g,signing:$,log:o}),c);return t.stdout(G?_(i):L(i)),0}},C="provenant-out",P={...j,...S,"output-dir":{type:"string"},"bundle-layout":{type:"string"},"bundle-name":{type:"string"},"subjects-per-statement":{type:"string"},json:{type:"boolean"},format:{type:"string"},quiet:{type:"boolean"}};function x(e){let t=typeof e["bundle-layout"]=="string"?e["bundle-layout"]:"single";if(t!=="single"&&t!=="per-subject")throw a("USAGE",`--bundle-layout: expected single or per-subject, got ${u(t)}.`);let n=e["subjects-per-statement"];return{layout:t,bundleName:m(typeof e["bundle-name"]=="string"?e["bundle-name"]:"provenance.sigstore.json","--bundle-name"),subjectsPerStatement:typeof n=="string"?d(n,"--subjects-per-statement"):1024,concurrency:l}}s(x,"bundleOptions");function v(e){return e.bundles.map(t=>({path:t.path,subjects:t.subjects.map(n=>n.name),...t.facts}))}s(v,"signedBundles");function _(e){return`${JSON.stringify({statementPath:e.statementPath,bundles:v(e)},null,2)}
`}s(_,"signedJson");function L(e){return v(e).map(t=>`${t.path}
  certificate identity: ${t.certificateIdentity}
`+(t.rekorLogIndex?`  rekor log index: ${t.rekorLogIndex}${t.rekorEntryUrl?` (${t.rekorEntryUrl})`:""}
`:"")+(t.integratedTime?`  logged at: ${t.integratedTime}
`:"")+(t.timestamp?`  timestamp: ${t.timestamp}
`:"")).join("")}s(L,"signedText");export{W as command};
