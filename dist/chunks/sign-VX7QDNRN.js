#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as h}from"./chunk-4VYZXN4Z.js";import{a as E,b as j,c as _,d as I,e as O}from"./chunk-ZLTUJ7FC.js";import{a as k}from"./chunk-RKXOGCQ7.js";import{a as T}from"./chunk-HYC7CO3E.js";import{a as b,b as R}from"./chunk-CIFHDXE6.js";import{b as S}from"./chunk-XWVXXEHS.js";import{b as f,e as y}from"./chunk-XORKBBTJ.js";import"./chunk-7DANAGEH.js";import"./chunk-U6OKXH3V.js";import"./chunk-IKIJTW3I.js";import"./chunk-STD3LBJ2.js";import"./chunk-OGKAF2XS.js";import"./chunk-IRMA2UAH.js";import"./chunk-CRRMDEWY.js";import{c as U}from"./chunk-25URCYCX.js";import{c as m,e as p}from"./chunk-FOFVM454.js";import{a as s}from"./chunk-KI7I7O32.js";import v from"node:path";var Q={name:"sign",summary:"hash, build the SLSA v1 statement and keyless-sign it (Fulcio, Rekor and/or TSA)",usage:`Usage: provenant sign [PATTERN...] [options]

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
  --output-dir DIR             where the statement and bundles go (default: provenant-out)
  --bundle-layout single|per-subject   (default: single)
  --bundle-name NAME           a plain file name; .sigstore.json is added unless it ends in .json or .jsonl
                               (default: provenance.sigstore.json)
  --subjects-per-statement N   (default: 1024)
  --json                       print the result as JSON on stdout
  --quiet                      no progress on stderr`,async run(n,t){let{values:e,positionals:i}=k("sign",n,A),a=_(e,i,t),u=I(t,e.quiet===!0),l=s(r=>typeof r=="string"?v.resolve(t.cwd,r):void 0,"resolve"),d=F(e),g=await b(t.env.GITHUB_EVENT_PATH),c=h({...$(e,t.env,l(e["trusted-root"])),...typeof e["identity-token"]=="string"?{identityToken:e["identity-token"]}:{},allowPublicLog:e["allow-public-log"]===!0,verifyAfterSign:e["no-verify-after-sign"]!==!0,env:t.env,labels:U,...t.workflowCommand?{maskSecret:s(r=>t.workflowCommand(`::add-mask::${r}`),"maskSecret")}:{}},u),o=await O(t,e.quiet===!0,r=>T({subjects:a,outputDir:l(e["output-dir"]??w),dryRun:!1,env:t.env,event:g,extras:{},bundles:d},{fs:r,writeFile:S,signing:c,log:u}),R);return t.stdout(e.json===!0?C(o):N(o)),0}},w="provenant-out",A={...E,"identity-token":{type:"string"},sigstore:{type:"string"},"fulcio-url":{type:"string"},"rekor-url":{type:"string"},"tsa-url":{type:"string"},"trusted-root":{type:"string"},"allow-public-log":{type:"boolean"},"no-verify-after-sign":{type:"boolean"},"output-dir":{type:"string"},"bundle-layout":{type:"string"},"bundle-name":{type:"string"},"subjects-per-statement":{type:"string"},json:{type:"boolean"},quiet:{type:"boolean"}};function F(n){let t=typeof n["bundle-layout"]=="string"?n["bundle-layout"]:"single";if(t!=="single"&&t!=="per-subject")throw m("USAGE",`--bundle-layout: expected single or per-subject, got ${p(t)}.`);let e=n["subjects-per-statement"];return{layout:t,bundleName:f(typeof n["bundle-name"]=="string"?n["bundle-name"]:"provenance.sigstore.json","--bundle-name"),subjectsPerStatement:typeof e=="string"?y(e,"--subjects-per-statement"):1024,concurrency:4}}s(F,"bundleOptions");function L(n){return n.bundles.map(t=>({path:t.path,subjects:t.subjects.map(e=>e.name),...t.facts}))}s(L,"signedBundles");function C(n){return`${JSON.stringify({statementPath:n.statementPath,bundles:L(n)},null,2)}
`}s(C,"signedJson");function N(n){return L(n).map(t=>`${t.path}
  certificate identity: ${t.certificateIdentity}
`+(t.rekorLogIndex?`  rekor log index: ${t.rekorLogIndex}${t.rekorEntryUrl?` (${t.rekorEntryUrl})`:""}
`:"")+(t.integratedTime?`  logged at: ${t.integratedTime}
`:"")+(t.timestamp?`  timestamp: ${t.timestamp}
`:"")).join("")}s(N,"signedText");function $(n,t,e){let i=s(o=>typeof n[o]=="string"?n[o]:void 0,"flag"),a=i("sigstore")===void 0&&i("fulcio-url")===void 0&&!!t.SIGSTORE_FULCIO_URL,u=s((o,r)=>i(o)??(a?t[r]:void 0),"pick"),l=u("fulcio-url","SIGSTORE_FULCIO_URL"),d=u("rekor-url","SIGSTORE_REKOR_URL"),g=u("tsa-url","SIGSTORE_TSA_URL"),c=e??(a?t.SIGSTORE_TRUSTED_ROOT:void 0);return{sigstore:i("sigstore")??(a?"custom":""),...l?{fulcioUrl:l}:{},...d?{rekorUrl:d}:{},...g?{tsaUrl:g}:{},...c?{trustedRoot:c}:{}}}s($,"instanceFlags");export{Q as command};
