#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as h}from"./chunk-A2EHNR57.js";import{a as j,b as _,c as k,d as I,e as O}from"./chunk-KAS7PPYA.js";import{a as E}from"./chunk-J3GRSFUB.js";import{a as T}from"./chunk-OW7ERQ53.js";import"./chunk-JWJYTN4J.js";import{a as b,b as R}from"./chunk-THS5CBVS.js";import{b as S}from"./chunk-SSGDSHTD.js";import{b as f,e as y}from"./chunk-E7L5EW2M.js";import"./chunk-6VR54M3O.js";import"./chunk-ON2IANYX.js";import"./chunk-AKE52X4C.js";import"./chunk-SQ6AH5LE.js";import"./chunk-OGKAF2XS.js";import"./chunk-IRMA2UAH.js";import{c as U}from"./chunk-YY2CH4VA.js";import"./chunk-CRRMDEWY.js";import{b as p,d as m}from"./chunk-FY7JOBGF.js";import{a as s}from"./chunk-KI7I7O32.js";import v from"node:path";var Q={name:"sign",summary:"hash, build the SLSA v1 statement and keyless-sign it (Fulcio, Rekor and/or TSA)",usage:`Usage: provenant sign [PATTERN...] [options]

Hashes the subjects, builds the provenance statement from the identity token's GitHub claims, signs it with a
short-lived Fulcio certificate, records it in Rekor and/or gets an RFC 3161 timestamp, writes the Sigstore
bundle to --output-dir, and verifies it before returning.

${_}
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
  --output-dir DIR             where the statement and bundles go (default: provenant-out)
  --bundle-layout single|per-subject   (default: single)
  --bundle-name NAME           a plain file name; .sigstore.json is added unless it ends in .json or .jsonl
                               (default: provenance.sigstore.json)
  --subjects-per-statement N   (default: 1024)
  --json                       print the result as JSON on stdout
  --quiet                      no progress on stderr`,async run(n,t){let{values:e,positionals:o}=E("sign",n,w),l=k(e,o,t),i=I(t,e.quiet===!0),a=s(u=>typeof u=="string"?v.resolve(t.cwd,u):void 0,"resolve"),d=F(e),g=await b(t.env.GITHUB_EVENT_PATH),c=h({...G(e,t.env,a(e["trusted-root"])),...typeof e["identity-token"]=="string"?{identityToken:e["identity-token"]}:{},allowPublicLog:e["allow-public-log"]===!0,verifyAfterSign:e["no-verify-after-sign"]!==!0,env:t.env,labels:U},i),r=await O(t,e.quiet===!0,u=>T({subjects:l,outputDir:a(e["output-dir"]??A),dryRun:!1,env:t.env,event:g,extras:{},bundles:d},{fs:u,writeFile:S,signing:c,log:i}),R);return t.stdout(e.json===!0?N(r):C(r)),0}},A="provenant-out",w={...j,"identity-token":{type:"string"},sigstore:{type:"string"},"fulcio-url":{type:"string"},"rekor-url":{type:"string"},"tsa-url":{type:"string"},"trusted-root":{type:"string"},"allow-public-log":{type:"boolean"},"no-verify-after-sign":{type:"boolean"},"output-dir":{type:"string"},"bundle-layout":{type:"string"},"bundle-name":{type:"string"},"subjects-per-statement":{type:"string"},json:{type:"boolean"},quiet:{type:"boolean"}};function F(n){let t=typeof n["bundle-layout"]=="string"?n["bundle-layout"]:"single";if(t!=="single"&&t!=="per-subject")throw p("USAGE",`--bundle-layout: expected single or per-subject, got ${m(t)}.`);let e=n["subjects-per-statement"];return{layout:t,bundleName:f(typeof n["bundle-name"]=="string"?n["bundle-name"]:"provenance.sigstore.json","--bundle-name"),subjectsPerStatement:typeof e=="string"?y(e,"--subjects-per-statement"):1024,concurrency:4}}s(F,"bundleOptions");function L(n){return n.bundles.map(t=>({path:t.path,subjects:t.subjects.map(e=>e.name),...t.facts}))}s(L,"signedBundles");function N(n){return`${JSON.stringify({statementPath:n.statementPath,bundles:L(n)},null,2)}
`}s(N,"signedJson");function C(n){return L(n).map(t=>`${t.path}
  certificate identity: ${t.certificateIdentity}
`+(t.rekorLogIndex?`  rekor log index: ${t.rekorLogIndex}${t.rekorEntryUrl?` (${t.rekorEntryUrl})`:""}
`:"")+(t.integratedTime?`  logged at: ${t.integratedTime}
`:"")+(t.timestamp?`  timestamp: ${t.timestamp}
`:"")).join("")}s(C,"signedText");function G(n,t,e){let o=s(r=>typeof n[r]=="string"?n[r]:void 0,"flag"),l=o("sigstore")===void 0&&o("fulcio-url")===void 0&&!!t.SIGSTORE_FULCIO_URL,i=s((r,u)=>o(r)??(l?t[u]:void 0),"pick"),a=i("fulcio-url","SIGSTORE_FULCIO_URL"),d=i("rekor-url","SIGSTORE_REKOR_URL"),g=i("tsa-url","SIGSTORE_TSA_URL"),c=e??(l?t.SIGSTORE_TRUSTED_ROOT:void 0);return{sigstore:o("sigstore")??(l?"custom":""),...a?{fulcioUrl:a}:{},...d?{rekorUrl:d}:{},...g?{tsaUrl:g}:{},...c?{trustedRoot:c}:{}}}s(G,"instanceFlags");export{Q as command};
