#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as j}from"./chunk-XBGY6OID.js";import{a as _,b as I,c as O,d as L,e as v}from"./chunk-2PZK677K.js";import{a as k,c as E}from"./chunk-7YYXHK4D.js";import{a as h}from"./chunk-HYC7CO3E.js";import{a as R,b as S}from"./chunk-CIFHDXE6.js";import{b as T}from"./chunk-XWVXXEHS.js";import{b as y,e as b}from"./chunk-XORKBBTJ.js";import"./chunk-7DANAGEH.js";import"./chunk-U6OKXH3V.js";import"./chunk-IKIJTW3I.js";import"./chunk-STD3LBJ2.js";import"./chunk-OGKAF2XS.js";import"./chunk-IRMA2UAH.js";import"./chunk-CRRMDEWY.js";import{c as U}from"./chunk-25URCYCX.js";import{c as p,e as f}from"./chunk-FOFVM454.js";import{a as s}from"./chunk-KI7I7O32.js";import A from"node:path";var X={name:"sign",summary:"hash, build the SLSA v1 statement and keyless-sign it (Fulcio, Rekor and/or TSA)",usage:`Usage: provenant sign [PATTERN...] [options]

Hashes the subjects, builds the provenance statement from the identity token's GitHub claims, signs it with a
short-lived Fulcio certificate, records it in Rekor and/or gets an RFC 3161 timestamp, writes the Sigstore
bundle to --output-dir, and verifies it before returning.

${I}
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
  --format text|json           json prints the result as JSON on stdout (--json is the same)
  --quiet                      no progress on stderr`,async run(n,t){let{values:e,positionals:r}=k("sign",n,C),a=O(e,r,t),o=L(t,e.quiet===!0),l=s(u=>typeof u=="string"?A.resolve(t.cwd,u):void 0,"resolve"),d=N(e),g=E(e),c=await R(t.env.GITHUB_EVENT_PATH),i=j({...P(e,t.env,l(e["trusted-root"])),...typeof e["identity-token"]=="string"?{identityToken:e["identity-token"]}:{},allowPublicLog:e["allow-public-log"]===!0,verifyAfterSign:e["no-verify-after-sign"]!==!0,env:t.env,labels:U,...t.workflowCommand?{maskSecret:s(u=>t.workflowCommand(`::add-mask::${u}`),"maskSecret")}:{}},o),m=await v(t,e.quiet===!0,u=>h({subjects:a,outputDir:l(e["output-dir"]??F),dryRun:!1,env:t.env,event:c,extras:{},bundles:d},{fs:u,writeFile:T,signing:i,log:o}),S);return t.stdout(g?$(m):G(m)),0}},F="provenant-out",C={..._,"identity-token":{type:"string"},sigstore:{type:"string"},"fulcio-url":{type:"string"},"rekor-url":{type:"string"},"tsa-url":{type:"string"},"trusted-root":{type:"string"},"allow-public-log":{type:"boolean"},"no-verify-after-sign":{type:"boolean"},"output-dir":{type:"string"},"bundle-layout":{type:"string"},"bundle-name":{type:"string"},"subjects-per-statement":{type:"string"},json:{type:"boolean"},format:{type:"string"},quiet:{type:"boolean"}};function N(n){let t=typeof n["bundle-layout"]=="string"?n["bundle-layout"]:"single";if(t!=="single"&&t!=="per-subject")throw p("USAGE",`--bundle-layout: expected single or per-subject, got ${f(t)}.`);let e=n["subjects-per-statement"];return{layout:t,bundleName:y(typeof n["bundle-name"]=="string"?n["bundle-name"]:"provenance.sigstore.json","--bundle-name"),subjectsPerStatement:typeof e=="string"?b(e,"--subjects-per-statement"):1024,concurrency:4}}s(N,"bundleOptions");function w(n){return n.bundles.map(t=>({path:t.path,subjects:t.subjects.map(e=>e.name),...t.facts}))}s(w,"signedBundles");function $(n){return`${JSON.stringify({statementPath:n.statementPath,bundles:w(n)},null,2)}
`}s($,"signedJson");function G(n){return w(n).map(t=>`${t.path}
  certificate identity: ${t.certificateIdentity}
`+(t.rekorLogIndex?`  rekor log index: ${t.rekorLogIndex}${t.rekorEntryUrl?` (${t.rekorEntryUrl})`:""}
`:"")+(t.integratedTime?`  logged at: ${t.integratedTime}
`:"")+(t.timestamp?`  timestamp: ${t.timestamp}
`:"")).join("")}s(G,"signedText");function P(n,t,e){let r=s(i=>typeof n[i]=="string"?n[i]:void 0,"flag"),a=r("sigstore")===void 0&&r("fulcio-url")===void 0&&!!t.SIGSTORE_FULCIO_URL,o=s((i,m)=>r(i)??(a?t[m]:void 0),"pick"),l=o("fulcio-url","SIGSTORE_FULCIO_URL"),d=o("rekor-url","SIGSTORE_REKOR_URL"),g=o("tsa-url","SIGSTORE_TSA_URL"),c=e??(a?t.SIGSTORE_TRUSTED_ROOT:void 0);return{sigstore:r("sigstore")??(a?"custom":""),...l?{fulcioUrl:l}:{},...d?{rekorUrl:d}:{},...g?{tsaUrl:g}:{},...c?{trustedRoot:c}:{}}}s(P,"instanceFlags");export{X as command};
