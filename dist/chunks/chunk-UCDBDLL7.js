#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as q}from"./chunk-KSGSF7BS.js";import{a as P,b as v,c as x,d as $}from"./chunk-HRPH754R.js";import{a as w,b as F,c as G}from"./chunk-VYAHVUU6.js";import{a as A}from"./chunk-WBKKEVGG.js";import{a as L,c as C}from"./chunk-NYNVPCWZ.js";import{a as N}from"./chunk-VATW7CBV.js";import{a as j,b as E,c as U}from"./chunk-4MF44LV3.js";import{a as I,b as O}from"./chunk-QB27VXTE.js";import{b as R,e as b,j as S}from"./chunk-2TIMPBNM.js";import{a as T}from"./chunk-CJJCL3KV.js";import{a as _}from"./chunk-ESRNSCEY.js";import{c as k}from"./chunk-QIUOX5A2.js";import{c as y,e as h}from"./chunk-UGPSQO4T.js";import{a as s}from"./chunk-KI7I7O32.js";import Z from"node:path";import z from"node:path";var D={"signing-config":{type:"string"},"tuf-mirror":{type:"string"},"tuf-root":{type:"string"},"tuf-cache-dir":{type:"string"}},B=`  --signing-config FILE        a Sigstore signing_config.v0.2.json: its Fulcio, Rekor (v1 or v2) and TSA, chosen
                               by the spec's rules (--fulcio-url, --rekor-url, --tsa-url override its choice)
  --tuf-mirror URL --tuf-root FILE
                               a Sigstore instance's TUF repository (a foundation's own): its signing config and
                               trusted root, verified by TUF and cached (--tuf-cache-dir, default ~/.cache/provenant/tuf)`;async function M(n,t,r){let e=s(i=>typeof n[i]=="string"?n[i]:void 0,"text"),o=s(i=>{let c=e(i);return c===void 0?void 0:z.resolve(t.cwd,c)},"file"),a={signingConfig:o("signing-config"),tufMirror:e("tuf-mirror"),tufRoot:o("tuf-root"),tufCacheDir:o("tuf-cache-dir"),trustedRoot:o("trusted-root"),sigstore:e("sigstore"),fulcioUrl:e("fulcio-url"),rekorUrl:e("rekor-url"),tsaUrl:e("tsa-url")},u=Object.fromEntries(Object.entries(a).filter(([,i])=>i!==void 0));return C(u,L,t.env,r)}s(M,"configuredInstance");import{readFile as Q}from"node:fs/promises";import W from"node:path";var H={oci:{type:"string",multiple:!0},"oci-platforms":{type:"boolean"},"no-push-to-registry":{type:"boolean"},"sbom-path":{type:"string"},"predicate-type":{type:"string"},"predicate-path":{type:"string"}},J=`Images, SBOMs and other predicates:
  --oci REF                    a container image, registry/repo:tag (the digest it names now is signed) or
                               registry/repo@sha256:HEX (repeatable); credentials from $DOCKER_CONFIG/config.json
                               (~/.docker/config.json, as docker login writes it), anonymous otherwise
  --oci-platforms              also attest each platform image of a multi-platform index
  --no-push-to-registry        keep the bundles on disk only (default: attach each to its images as an OCI
                               referrer: the referrers API, or the sha256-<hex> tag where the registry has none)
  --sbom-path FILE             sign an SPDX 2.x/3 or CycloneDX JSON SBOM as its own attestation over the same
                               subjects (<bundle-name>.sbom.sigstore.json; at most 16 MiB)
  --predicate-type URI --predicate-path FILE
                               sign any JSON predicate as its own attestation over the same subjects
                               (<bundle-name>.predicate.sigstore.json)`;async function K(n,t,r){let e=F(n.oci),o=s(c=>typeof n[c]=="string"?W.resolve(t.cwd,n[c]):void 0,"file"),a=await U({...o("sbom-path")?{sbomPath:o("sbom-path")}:{},...typeof n["predicate-type"]=="string"?{predicateType:n["predicate-type"]}:{},...o("predicate-path")?{predicatePath:o("predicate-path")}:{},names:{sbomPath:"--sbom-path",predicateType:"--predicate-type",predicatePath:"--predicate-path"}},E(r)),u=Number(t.env.PROVENANT_RETRY_UNIT_MS??""),i=e.length>0?T({env:t.env,log:r,...u>0?{backoffUnitMs:u}:{}}):void 0;return{request:{...e.length>0?{images:{refs:e,platforms:n["oci-platforms"]===!0,inputName:"--oci"}}:{},...a.length>0?{predicates:a}:{}},...i?{registry:i}:{},push:n["no-push-to-registry"]!==!0}}s(K,"ociSignPlan");async function V(n,t,r){return!n.push||!n.registry||!t.images?.length||t.bundles.length===0?[]:N({images:t.images,bundles:t.bundles},{registry:n.registry,readFile:s(e=>Q(e),"readFile"),log:r})}s(V,"pushAfterSigning");var wt={name:"sign",summary:"hash, build the SLSA v1 statement and keyless-sign it (Fulcio, Rekor and/or TSA)",usage:`Usage: provenant sign [PATTERN...] [options]

Hashes the subjects, builds the provenance statement from the identity token's GitHub claims, signs it with a
short-lived Fulcio certificate, records it in Rekor and/or gets an RFC 3161 timestamp, writes the Sigstore
bundle to --output-dir, and verifies it before returning.

${v}
${J}
Identity:
  --identity-token TOKEN       the OIDC token (default: $SIGSTORE_ID_TOKEN, else the GitHub Actions endpoint)
Instance:
  --sigstore NAME              public-good, github, staging or custom (default: from the repository's visibility)
  --fulcio-url URL --rekor-url URL --tsa-url URL --trusted-root FILE
                               a custom instance (trusted-root also overrides TUF for the others); without
                               flags, SIGSTORE_FULCIO_URL/_REKOR_URL/_TSA_URL/_TRUSTED_ROOT select one
${B}
  --allow-public-log           let a private repository sign into a public log
  --no-verify-after-sign       skip verifying the fresh bundle (not recommended)
Output:
  --output-dir DIR             where the statement and bundles go (default: provenant-out)
  --bundle-layout single|per-subject   (default: single)
  --bundle-name NAME           a plain file name; .sigstore.json is added unless it ends in .json or .jsonl
                               (default: provenance.sigstore.json)
  --subjects-per-statement N   (default: 1024)
  --format text|json           json prints the result as JSON on stdout (--json is the same)
  --quiet                      no progress on stderr`,async run(n,t){let{values:r,positionals:e}=w("sign",n,et),o=x(r,e,t,r.oci!==void 0),a=$(t,r.quiet===!0),u=await K(r,t,a),i=s(d=>typeof d=="string"?Z.resolve(t.cwd,d):void 0,"resolve"),c=rt(r),g=G(r),p=await I(t.env.GITHUB_EVENT_PATH),l=await M(r,t,a),Y=A({...l??ot(r,t.env,i(r["trusted-root"])),...typeof r["identity-token"]=="string"?{identityToken:r["identity-token"]}:{},allowPublicLog:r["allow-public-log"]===!0,verifyAfterSign:r["no-verify-after-sign"]!==!0,env:t.env,labels:k,...t.workflowCommand?{maskSecret:s(d=>t.workflowCommand(`::add-mask::${d}`),"maskSecret")}:{}},a),m=await q(t,r.quiet===!0,d=>j({subjects:o,outputDir:i(r["output-dir"]??tt),dryRun:!1,env:t.env,event:p,extras:{},bundles:c,...u.request},{fs:d,writeFile:_,signing:Y,log:a,...u.registry?{registry:u.registry}:{}}),O),f=await V(u,m,a);return t.stdout(g?nt(m,f):st(m,f)),0}},tt="provenant-out",et={...P,...H,...D,"identity-token":{type:"string"},sigstore:{type:"string"},"fulcio-url":{type:"string"},"rekor-url":{type:"string"},"tsa-url":{type:"string"},"trusted-root":{type:"string"},"allow-public-log":{type:"boolean"},"no-verify-after-sign":{type:"boolean"},"output-dir":{type:"string"},"bundle-layout":{type:"string"},"bundle-name":{type:"string"},"subjects-per-statement":{type:"string"},json:{type:"boolean"},format:{type:"string"},quiet:{type:"boolean"}};function rt(n){let t=typeof n["bundle-layout"]=="string"?n["bundle-layout"]:"single";if(t!=="single"&&t!=="per-subject")throw y("USAGE",`--bundle-layout: expected single or per-subject, got ${h(t)}.`);let r=n["subjects-per-statement"];return{layout:t,bundleName:R(typeof n["bundle-name"]=="string"?n["bundle-name"]:"provenance.sigstore.json","--bundle-name"),subjectsPerStatement:typeof r=="string"?b(r,"--subjects-per-statement"):1024,concurrency:S}}s(rt,"bundleOptions");function X(n){return n.bundles.map(t=>({path:t.path,subjects:t.subjects.map(r=>r.name),...t.predicateType?{predicateType:t.predicateType}:{},...t.facts}))}s(X,"signedBundles");function nt(n,t){let r={statementPath:n.statementPath,bundles:X(n)};return`${JSON.stringify(t.length>0?{...r,referrers:t}:r,null,2)}
`}s(nt,"signedJson");function st(n,t){return t.map(e=>`${e.bundle} attached to ${e.image} as ${e.digest}
`).join("")+X(n).map(e=>`${e.path}
  certificate identity: ${e.certificateIdentity}
`+(e.rekorLogIndex?`  rekor log index: ${e.rekorLogIndex}${e.rekorEntryUrl?` (${e.rekorEntryUrl})`:""}
`:"")+(e.integratedTime?`  logged at: ${e.integratedTime}
`:"")+(e.timestamp?`  timestamp: ${e.timestamp}
`:"")).join("")}s(st,"signedText");function ot(n,t,r){let e=s(p=>typeof n[p]=="string"?n[p]:void 0,"flag"),o=e("sigstore")===void 0&&e("fulcio-url")===void 0&&!!t.SIGSTORE_FULCIO_URL,a=s((p,l)=>e(p)??(o?t[l]:void 0),"pick"),u=a("fulcio-url","SIGSTORE_FULCIO_URL"),i=a("rekor-url","SIGSTORE_REKOR_URL"),c=a("tsa-url","SIGSTORE_TSA_URL"),g=r??(o?t.SIGSTORE_TRUSTED_ROOT:void 0);return{sigstore:e("sigstore")??(o?"custom":""),...u?{fulcioUrl:u}:{},...i?{rekorUrl:i}:{},...c?{tsaUrl:c}:{},...g?{trustedRoot:g}:{}}}s(ot,"instanceFlags");export{D as a,B as b,M as c,wt as d,ot as e};
