#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as v,b as N,c as C,d as F,e as G}from"./chunk-PZQ2XUQD.js";import{a as O,c as L}from"./chunk-7YYXHK4D.js";import{a as T}from"./chunk-SVQWLVBY.js";import{a as j,c as k}from"./chunk-7HUN2SRS.js";import"./chunk-5VI23QK2.js";import"./chunk-3ZFGYYEM.js";import{a as _}from"./chunk-DVE7FAHJ.js";import{a as S,b as h}from"./chunk-ZEDQVTED.js";import{a as U}from"./chunk-ESRNSCEY.js";import"./chunk-RQOF3PQ7.js";import{b as R,e as I,j as b}from"./chunk-NCI6NAGM.js";import"./chunk-J46TB6F6.js";import"./chunk-GJPX23F7.js";import"./chunk-U6OKXH3V.js";import"./chunk-IKIJTW3I.js";import"./chunk-CRRMDEWY.js";import"./chunk-STD3LBJ2.js";import"./chunk-OGKAF2XS.js";import"./chunk-IRMA2UAH.js";import"./chunk-W45WDLHL.js";import"./chunk-7DANAGEH.js";import"./chunk-GGZBTO37.js";import{c as E}from"./chunk-QWEETSQ2.js";import{c as m,e as y}from"./chunk-FOFVM454.js";import{a as r}from"./chunk-KI7I7O32.js";import q from"node:path";import P from"node:path";var A={"signing-config":{type:"string"},"tuf-mirror":{type:"string"},"tuf-root":{type:"string"},"tuf-cache-dir":{type:"string"}},w=`  --signing-config FILE        a Sigstore signing_config.v0.2.json: its Fulcio, Rekor (v1 or v2) and TSA, chosen
                               by the spec's rules (--fulcio-url, --rekor-url, --tsa-url override its choice)
  --tuf-mirror URL --tuf-root FILE
                               a Sigstore instance's TUF repository (a foundation's own): its signing config and
                               trusted root, verified by TUF and cached (--tuf-cache-dir, default ~/.cache/provenant/tuf)`;async function $(n,t,e){let o=r(s=>typeof n[s]=="string"?n[s]:void 0,"text"),i=r(s=>{let d=o(s);return d===void 0?void 0:P.resolve(t.cwd,d)},"file"),u={signingConfig:i("signing-config"),tufMirror:o("tuf-mirror"),tufRoot:i("tuf-root"),tufCacheDir:i("tuf-cache-dir"),trustedRoot:i("trusted-root"),sigstore:o("sigstore"),fulcioUrl:o("fulcio-url"),rekorUrl:o("rekor-url"),tsaUrl:o("tsa-url")},a=Object.fromEntries(Object.entries(u).filter(([,s])=>s!==void 0));return k(a,j,t.env,e)}r($,"configuredInstance");var ct={name:"sign",summary:"hash, build the SLSA v1 statement and keyless-sign it (Fulcio, Rekor and/or TSA)",usage:`Usage: provenant sign [PATTERN...] [options]

Hashes the subjects, builds the provenance statement from the identity token's GitHub claims, signs it with a
short-lived Fulcio certificate, records it in Rekor and/or gets an RFC 3161 timestamp, writes the Sigstore
bundle to --output-dir, and verifies it before returning.

${N}
Identity:
  --identity-token TOKEN       the OIDC token (default: $SIGSTORE_ID_TOKEN, else the GitHub Actions endpoint)
Instance:
  --sigstore NAME              public-good, github, staging or custom (default: from the repository's visibility)
  --fulcio-url URL --rekor-url URL --tsa-url URL --trusted-root FILE
                               a custom instance (trusted-root also overrides TUF for the others); without
                               flags, SIGSTORE_FULCIO_URL/_REKOR_URL/_TSA_URL/_TRUSTED_ROOT select one
${w}
  --allow-public-log           let a private repository sign into a public log
  --no-verify-after-sign       skip verifying the fresh bundle (not recommended)
Output:
  --output-dir DIR             where the statement and bundles go (default: provenant-out)
  --bundle-layout single|per-subject   (default: single)
  --bundle-name NAME           a plain file name; .sigstore.json is added unless it ends in .json or .jsonl
                               (default: provenance.sigstore.json)
  --subjects-per-statement N   (default: 1024)
  --format text|json           json prints the result as JSON on stdout (--json is the same)
  --quiet                      no progress on stderr`,async run(n,t){let{values:e,positionals:o}=O("sign",n,B),i=C(e,o,t),u=F(t,e.quiet===!0),a=r(l=>typeof l=="string"?q.resolve(t.cwd,l):void 0,"resolve"),s=H(e),d=L(e),g=await S(t.env.GITHUB_EVENT_PATH),c=await $(e,t,u),f=T({...c??M(e,t.env,a(e["trusted-root"])),...typeof e["identity-token"]=="string"?{identityToken:e["identity-token"]}:{},allowPublicLog:e["allow-public-log"]===!0,verifyAfterSign:e["no-verify-after-sign"]!==!0,env:t.env,labels:E,...t.workflowCommand?{maskSecret:r(l=>t.workflowCommand(`::add-mask::${l}`),"maskSecret")}:{}},u),p=await G(t,e.quiet===!0,l=>_({subjects:i,outputDir:a(e["output-dir"]??D),dryRun:!1,env:t.env,event:g,extras:{},bundles:s},{fs:l,writeFile:U,signing:f,log:u}),h);return t.stdout(d?J(p):K(p)),0}},D="provenant-out",B={...v,...A,"identity-token":{type:"string"},sigstore:{type:"string"},"fulcio-url":{type:"string"},"rekor-url":{type:"string"},"tsa-url":{type:"string"},"trusted-root":{type:"string"},"allow-public-log":{type:"boolean"},"no-verify-after-sign":{type:"boolean"},"output-dir":{type:"string"},"bundle-layout":{type:"string"},"bundle-name":{type:"string"},"subjects-per-statement":{type:"string"},json:{type:"boolean"},format:{type:"string"},quiet:{type:"boolean"}};function H(n){let t=typeof n["bundle-layout"]=="string"?n["bundle-layout"]:"single";if(t!=="single"&&t!=="per-subject")throw m("USAGE",`--bundle-layout: expected single or per-subject, got ${y(t)}.`);let e=n["subjects-per-statement"];return{layout:t,bundleName:R(typeof n["bundle-name"]=="string"?n["bundle-name"]:"provenance.sigstore.json","--bundle-name"),subjectsPerStatement:typeof e=="string"?I(e,"--subjects-per-statement"):1024,concurrency:b}}r(H,"bundleOptions");function x(n){return n.bundles.map(t=>({path:t.path,subjects:t.subjects.map(e=>e.name),...t.facts}))}r(x,"signedBundles");function J(n){return`${JSON.stringify({statementPath:n.statementPath,bundles:x(n)},null,2)}
`}r(J,"signedJson");function K(n){return x(n).map(t=>`${t.path}
  certificate identity: ${t.certificateIdentity}
`+(t.rekorLogIndex?`  rekor log index: ${t.rekorLogIndex}${t.rekorEntryUrl?` (${t.rekorEntryUrl})`:""}
`:"")+(t.integratedTime?`  logged at: ${t.integratedTime}
`:"")+(t.timestamp?`  timestamp: ${t.timestamp}
`:"")).join("")}r(K,"signedText");function M(n,t,e){let o=r(c=>typeof n[c]=="string"?n[c]:void 0,"flag"),i=o("sigstore")===void 0&&o("fulcio-url")===void 0&&!!t.SIGSTORE_FULCIO_URL,u=r((c,f)=>o(c)??(i?t[f]:void 0),"pick"),a=u("fulcio-url","SIGSTORE_FULCIO_URL"),s=u("rekor-url","SIGSTORE_REKOR_URL"),d=u("tsa-url","SIGSTORE_TSA_URL"),g=e??(i?t.SIGSTORE_TRUSTED_ROOT:void 0);return{sigstore:o("sigstore")??(i?"custom":""),...a?{fulcioUrl:a}:{},...s?{rekorUrl:s}:{},...d?{tsaUrl:d}:{},...g?{trustedRoot:g}:{}}}r(M,"instanceFlags");export{ct as command};
