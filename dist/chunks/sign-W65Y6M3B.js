#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as T}from"./chunk-XMNDN4MH.js";import{a as v,b as j,c as O,d as _,e as L}from"./chunk-TZ3IBNQ6.js";import{a as I}from"./chunk-GEQR7OVT.js";import{a as k}from"./chunk-HERZRF3B.js";import{b}from"./chunk-PNOCPTVP.js";import{a as h,b as U}from"./chunk-6XWHWTTZ.js";import{b as E}from"./chunk-SSGDSHTD.js";import"./chunk-6IBGYGUM.js";import"./chunk-XMDEZQKU.js";import"./chunk-WWPY7INJ.js";import"./chunk-GFTPNWZ2.js";import"./chunk-6OVYS4CI.js";import"./chunk-EHFBYAVE.js";import"./chunk-SQ6AH5LE.js";import"./chunk-72PB7QRV.js";import"./chunk-ZQQUL4PW.js";import{b as f,d as y}from"./chunk-FY7JOBGF.js";import{a as g}from"./chunk-KI7I7O32.js";import w from"node:path";var K={name:"sign",summary:"hash, build the SLSA v1 statement and keyless-sign it (Fulcio, Rekor and/or TSA)",usage:`Usage: provenant sign [PATTERN...] [options]

Hashes the subjects, builds the provenance statement from the identity token's GitHub claims, signs it with a
short-lived Fulcio certificate, records it in Rekor and/or gets an RFC 3161 timestamp, writes the Sigstore
bundle to --output-dir, and verifies it before returning.

${j}
Identity:
  --identity-token TOKEN       the OIDC token (default: $SIGSTORE_ID_TOKEN, else the GitHub Actions endpoint)
Instance:
  --sigstore NAME              public-good, github, staging or custom (default: from the repository's visibility)
  --fulcio-url URL --rekor-url URL --tsa-url URL --trusted-root FILE
                               a custom instance (trusted-root also overrides TUF for the others); without
                               flags, SIGSTORE_FULCIO_URL/_REKOR_URL/_TSA_URL/_TRUSTED_ROOT select one
  --allow-public-log           let a private repository sign into a public log
  --no-verify-after-sign       skip verifying the fresh bundle (not recommended)
Output:
  --output-dir DIR             where the statement and bundles go (default: .)
  --bundle-layout single|per-subject   (default: single)
  --bundle-name NAME           (default: provenance.sigstore.json)
  --subjects-per-statement N   (default: 1024)
  --json                       print the result as JSON on stdout
  --quiet                      no progress on stderr`,async run(c,r){let{values:e,positionals:s}=I("sign",c,{...v,"identity-token":{type:"string"},sigstore:{type:"string"},"fulcio-url":{type:"string"},"rekor-url":{type:"string"},"tsa-url":{type:"string"},"trusted-root":{type:"string"},"allow-public-log":{type:"boolean"},"no-verify-after-sign":{type:"boolean"},"output-dir":{type:"string"},"bundle-layout":{type:"string"},"bundle-name":{type:"string"},"subjects-per-statement":{type:"string"},json:{type:"boolean"},quiet:{type:"boolean"}}),a=O(e,s,r),o=_(r,e.quiet===!0),n=e["bundle-layout"]??"single";if(n!=="single"&&n!=="per-subject")throw f("USAGE",`--bundle-layout: expected single or per-subject, got ${y(n)}.`);let i=Number(e["subjects-per-statement"]??"1024");if(!Number.isInteger(i)||i<1)throw f("USAGE",`--subjects-per-statement: expected a positive whole number, got ${y(String(e["subjects-per-statement"]))}.`);let l=g(t=>typeof t=="string"?w.resolve(r.cwd,t):void 0,"resolve"),p=l(e["trusted-root"]),u=await h(r.env.GITHUB_EVENT_PATH),d,R=await L(r,e.quiet===!0,t=>k({subjects:a,outputDir:l(e["output-dir"])??r.cwd,dryRun:!1,env:r.env,event:u,extras:{},bundles:{layout:n,bundleName:e["bundle-name"]??"provenance.sigstore.json",subjectsPerStatement:i,concurrency:4}},{fs:t,writeFile:E,signing:T({...A(e,r.env,p),...typeof e["identity-token"]=="string"?{identityToken:e["identity-token"]}:{},allowPublicLog:e["allow-public-log"]===!0,verifyAfterSign:e["no-verify-after-sign"]!==!0,env:r.env},o,m=>d=m)},o),U),S=R.bundles.map(t=>({path:t.path,subjects:t.subjects.map(m=>m.name),...t.facts,...b(d,t.facts.rekorLogIndex)?{rekorEntryUrl:b(d,t.facts.rekorLogIndex)}:{}}));if(e.json===!0)r.stdout(`${JSON.stringify({statementPath:R.statementPath,bundles:S},null,2)}
`);else for(let t of S)r.stdout(`${t.path}
  certificate identity: ${t.certificateIdentity}
`+(t.rekorLogIndex?`  rekor log index: ${t.rekorLogIndex}${t.rekorEntryUrl?` (${t.rekorEntryUrl})`:""}
`:"")+(t.integratedTime?`  logged at: ${t.integratedTime}
`:"")+(t.timestamp?`  timestamp: ${t.timestamp}
`:""));return 0}};function A(c,r,e){let s=g(u=>typeof c[u]=="string"?c[u]:void 0,"flag"),a=s("sigstore")===void 0&&s("fulcio-url")===void 0&&!!r.SIGSTORE_FULCIO_URL,o=g((u,d)=>s(u)??(a?r[d]:void 0),"pick"),n=o("fulcio-url","SIGSTORE_FULCIO_URL"),i=o("rekor-url","SIGSTORE_REKOR_URL"),l=o("tsa-url","SIGSTORE_TSA_URL"),p=e??(a?r.SIGSTORE_TRUSTED_ROOT:void 0);return{sigstore:s("sigstore")??(a?"custom":""),...n?{fulcioUrl:n}:{},...i?{rekorUrl:i}:{},...l?{tsaUrl:l}:{},...p?{trustedRoot:p}:{}}}g(A,"instanceFlags");export{K as command};
