#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{d as T,e as x,h as _}from"./chunk-TZLU2XMM.js";import{a as k}from"./chunk-IQW7LQDX.js";import{a as F,b as G,c as C,d as E}from"./chunk-45MXMHJR.js";import{a as w,b as N,c as O}from"./chunk-VXSI7TCF.js";import{a as A}from"./chunk-IWOM6HZK.js";import"./chunk-DC5GYI6M.js";import"./chunk-DIGMCHBZ.js";import"./chunk-WZUDLGON.js";import"./chunk-LJQZLVBC.js";import{a as R,b as P}from"./chunk-KNCKNI66.js";import{e as S}from"./chunk-PKFVU72Y.js";import{a as I}from"./chunk-WOYIQ36P.js";import"./chunk-3M2BTTTM.js";import"./chunk-656SVJSD.js";import"./chunk-DM5MMGRP.js";import"./chunk-OUQRL4DH.js";import{a as h,b}from"./chunk-WMFLPCEX.js";import"./chunk-QQFC5LBJ.js";import{b as l,e as f,j as y}from"./chunk-47YAPV5S.js";import"./chunk-TQ7WWKOF.js";import{a as j}from"./chunk-ESRNSCEY.js";import"./chunk-7DANAGEH.js";import"./chunk-N6G2H3JH.js";import"./chunk-E3UPE373.js";import"./chunk-AIQUGS5M.js";import"./chunk-667VXOXV.js";import"./chunk-K7USK4IP.js";import"./chunk-6J72U2SL.js";import"./chunk-OGKAF2XS.js";import"./chunk-IRMA2UAH.js";import"./chunk-IQWNFCJT.js";import"./chunk-CNXVZQ6R.js";import"./chunk-4B5JODGF.js";import"./chunk-GJPX23F7.js";import"./chunk-GGZBTO37.js";import"./chunk-OEVUFJ2C.js";import"./chunk-REDZXMKD.js";import"./chunk-CRRMDEWY.js";import"./chunk-W45WDLHL.js";import{c as d,e as g}from"./chunk-X2VZSDU6.js";import{a as n}from"./chunk-KI7I7O32.js";import X from"node:path";import{readFile as M}from"node:fs/promises";import V from"node:path";var $={oci:{type:"string",multiple:!0},"oci-platforms":{type:"boolean"},"no-push-to-registry":{type:"boolean"},"sbom-path":{type:"string"},"predicate-type":{type:"string"},"predicate-path":{type:"string"}},q=`Images, SBOMs and other predicates:
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
                               (<bundle-name>.predicate.sigstore.json)`;async function U(t,e,s){let r=N(t.oci),a=n(p=>typeof t[p]=="string"?V.resolve(e.cwd,t[p]):void 0,"file"),o=await P({...a("sbom-path")?{sbomPath:a("sbom-path")}:{},...typeof t["predicate-type"]=="string"?{predicateType:t["predicate-type"]}:{},...a("predicate-path")?{predicatePath:a("predicate-path")}:{},names:{sbomPath:"--sbom-path",predicateType:"--predicate-type",predicatePath:"--predicate-path"}},R(s)),i=r.length>0?I({env:e.env,log:s}):void 0;return{request:{...r.length>0?{images:{refs:r,platforms:t["oci-platforms"]===!0,inputName:"--oci"}}:{},...o.length>0?{predicates:o}:{}},...i?{registry:i}:{},push:t["no-push-to-registry"]!==!0}}n(U,"ociSignPlan");async function L(t,e,s){return!t.push||!t.registry||!e.images?.length||e.bundles.length===0?[]:A({images:e.images,bundles:e.bundles},{registry:t.registry,readFile:n(r=>M(r),"readFile"),log:s})}n(L,"pushAfterSigning");var Se={name:"sign",summary:"hash, build the SLSA v1 statement and keyless-sign it (Fulcio, Rekor and/or TSA)",usage:`Usage: provenant sign [PATTERN...] [options]

Hashes the subjects, builds the provenance statement from the identity token's GitHub claims, signs it with a
short-lived Fulcio certificate, records it in Rekor and/or gets an RFC 3161 timestamp, writes the Sigstore
bundle to --output-dir, and verifies it before returning.

${G}
${q}
${x}
Output:
  --output-dir DIR             where the statement and bundles go (default: provenant-out)
  --bundle-layout single|per-subject   (default: single)
  --bundle-name NAME           a plain file name; .sigstore.json is added unless it ends in .json or .jsonl
                               (default: provenance.sigstore.json)
  --subjects-per-statement N   (default: 1024)
  --format text|json           json prints the result as JSON on stdout (--json is the same)
  --quiet                      no progress on stderr`,async run(t,e){let{values:s,positionals:r}=w("sign",t,Y),a=C(s,r,e,s.oci!==void 0),o=E(e,s.quiet===!0),i=await U(s,e,o),p=n(m=>typeof m=="string"?X.resolve(e.cwd,m):void 0,"resolve"),D=z(s),B=O(s),H=await h(e.env.GITHUB_EVENT_PATH),J=await _(s,e,o),u=await k(e,s.quiet===!0,m=>S({subjects:a,outputDir:p(s["output-dir"]??K),dryRun:!1,env:e.env,event:H,extras:{},bundles:D,...i.request},{fs:m,writeFile:j,signing:J,log:o,...i.registry?{registry:i.registry}:{}}),b),c=await L(i,u,o);return e.stdout(B?Q(u,c):W(u,c)),0}},K="provenant-out",Y={...F,...$,...T,"output-dir":{type:"string"},"bundle-layout":{type:"string"},"bundle-name":{type:"string"},"subjects-per-statement":{type:"string"},json:{type:"boolean"},format:{type:"string"},quiet:{type:"boolean"}};function z(t){let e=typeof t["bundle-layout"]=="string"?t["bundle-layout"]:"single";if(e!=="single"&&e!=="per-subject")throw d("USAGE",`--bundle-layout: expected single or per-subject, got ${g(e)}.`);let s=t["subjects-per-statement"];return{layout:e,bundleName:l(typeof t["bundle-name"]=="string"?t["bundle-name"]:"provenance.sigstore.json","--bundle-name"),subjectsPerStatement:typeof s=="string"?f(s,"--subjects-per-statement"):1024,concurrency:y}}n(z,"bundleOptions");function v(t){return t.bundles.map(e=>({path:e.path,subjects:e.subjects.map(s=>s.name),...e.predicateType?{predicateType:e.predicateType}:{},...e.facts}))}n(v,"signedBundles");function Q(t,e){let s={statementPath:t.statementPath,bundles:v(t)};return`${JSON.stringify(e.length>0?{...s,referrers:e}:s,null,2)}
`}n(Q,"signedJson");function W(t,e){return e.map(r=>`${r.bundle} attached to ${r.image} as ${r.digest}
`).join("")+v(t).map(r=>`${r.path}
  certificate identity: ${r.certificateIdentity}
`+(r.rekorLogIndex?`  rekor log index: ${r.rekorLogIndex}${r.rekorEntryUrl?` (${r.rekorEntryUrl})`:""}
`:"")+(r.integratedTime?`  logged at: ${r.integratedTime}
`:"")+(r.timestamp?`  timestamp: ${r.timestamp}
`:"")).join("")}n(W,"signedText");export{Se as command};
