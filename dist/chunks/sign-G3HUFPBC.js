#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as h}from"./chunk-IVJBSRWO.js";import{a as U,b as T,c as E,d as k,e as j}from"./chunk-ZLVS6G3B.js";import{a as S}from"./chunk-J3GRSFUB.js";import{a as R}from"./chunk-TI4JSI7Y.js";import"./chunk-AWRQSARG.js";import{a as f,b as y}from"./chunk-6LLX6IWI.js";import{b}from"./chunk-SSGDSHTD.js";import"./chunk-R2SUD2QU.js";import"./chunk-6VR54M3O.js";import"./chunk-ON2IANYX.js";import"./chunk-AKE52X4C.js";import"./chunk-SQ6AH5LE.js";import"./chunk-OGKAF2XS.js";import"./chunk-IRMA2UAH.js";import"./chunk-MW4KXBTK.js";import"./chunk-CRRMDEWY.js";import{b as p,d as m}from"./chunk-FY7JOBGF.js";import{a as r}from"./chunk-KI7I7O32.js";import I from"node:path";var J={name:"sign",summary:"hash, build the SLSA v1 statement and keyless-sign it (Fulcio, Rekor and/or TSA)",usage:`Usage: provenant sign [PATTERN...] [options]

Hashes the subjects, builds the provenance statement from the identity token's GitHub claims, signs it with a
short-lived Fulcio certificate, records it in Rekor and/or gets an RFC 3161 timestamp, writes the Sigstore
bundle to --output-dir, and verifies it before returning.

${T}
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
  --quiet                      no progress on stderr`,async run(n,t){let{values:e,positionals:o}=S("sign",n,_),a=E(e,o,t),i=k(t,e.quiet===!0),l=r(u=>typeof u=="string"?I.resolve(t.cwd,u):void 0,"resolve"),d=w(e),g=await f(t.env.GITHUB_EVENT_PATH),c=h({...L(e,t.env,l(e["trusted-root"])),...typeof e["identity-token"]=="string"?{identityToken:e["identity-token"]}:{},allowPublicLog:e["allow-public-log"]===!0,verifyAfterSign:e["no-verify-after-sign"]!==!0,env:t.env},i),s=await j(t,e.quiet===!0,u=>R({subjects:a,outputDir:l(e["output-dir"])??t.cwd,dryRun:!1,env:t.env,event:g,extras:{},bundles:d},{fs:u,writeFile:b,signing:c,log:i}),y);return t.stdout(e.json===!0?v(s):A(s)),0}},_={...U,"identity-token":{type:"string"},sigstore:{type:"string"},"fulcio-url":{type:"string"},"rekor-url":{type:"string"},"tsa-url":{type:"string"},"trusted-root":{type:"string"},"allow-public-log":{type:"boolean"},"no-verify-after-sign":{type:"boolean"},"output-dir":{type:"string"},"bundle-layout":{type:"string"},"bundle-name":{type:"string"},"subjects-per-statement":{type:"string"},json:{type:"boolean"},quiet:{type:"boolean"}};function w(n){let t=typeof n["bundle-layout"]=="string"?n["bundle-layout"]:"single";if(t!=="single"&&t!=="per-subject")throw p("USAGE",`--bundle-layout: expected single or per-subject, got ${m(t)}.`);let e=Number(n["subjects-per-statement"]??"1024");if(!Number.isInteger(e)||e<1)throw p("USAGE",`--subjects-per-statement: expected a positive whole number, got ${m(String(n["subjects-per-statement"]))}.`);return{layout:t,bundleName:typeof n["bundle-name"]=="string"?n["bundle-name"]:"provenance.sigstore.json",subjectsPerStatement:e,concurrency:4}}r(w,"bundleOptions");function O(n){return n.bundles.map(t=>({path:t.path,subjects:t.subjects.map(e=>e.name),...t.facts}))}r(O,"signedBundles");function v(n){return`${JSON.stringify({statementPath:n.statementPath,bundles:O(n)},null,2)}
`}r(v,"signedJson");function A(n){return O(n).map(t=>`${t.path}
  certificate identity: ${t.certificateIdentity}
`+(t.rekorLogIndex?`  rekor log index: ${t.rekorLogIndex}${t.rekorEntryUrl?` (${t.rekorEntryUrl})`:""}
`:"")+(t.integratedTime?`  logged at: ${t.integratedTime}
`:"")+(t.timestamp?`  timestamp: ${t.timestamp}
`:"")).join("")}r(A,"signedText");function L(n,t,e){let o=r(s=>typeof n[s]=="string"?n[s]:void 0,"flag"),a=o("sigstore")===void 0&&o("fulcio-url")===void 0&&!!t.SIGSTORE_FULCIO_URL,i=r((s,u)=>o(s)??(a?t[u]:void 0),"pick"),l=i("fulcio-url","SIGSTORE_FULCIO_URL"),d=i("rekor-url","SIGSTORE_REKOR_URL"),g=i("tsa-url","SIGSTORE_TSA_URL"),c=e??(a?t.SIGSTORE_TRUSTED_ROOT:void 0);return{sigstore:o("sigstore")??(a?"custom":""),...l?{fulcioUrl:l}:{},...d?{rekorUrl:d}:{},...g?{tsaUrl:g}:{},...c?{trustedRoot:c}:{}}}r(L,"instanceFlags");export{J as command};
