#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{d as _,e as x,h as U}from"./chunk-TZLU2XMM.js";import{a as C}from"./chunk-IQW7LQDX.js";import{a as F,b as G,c as T,d as k}from"./chunk-45MXMHJR.js";import{a as w,b as O,c as E}from"./chunk-VXSI7TCF.js";import{a as N}from"./chunk-IWOM6HZK.js";import"./chunk-DC5GYI6M.js";import"./chunk-DIGMCHBZ.js";import"./chunk-WZUDLGON.js";import"./chunk-LJQZLVBC.js";import{a as P,b as I}from"./chunk-KNCKNI66.js";import{e as R}from"./chunk-PKFVU72Y.js";import{a as A}from"./chunk-722EUJX7.js";import"./chunk-3M2BTTTM.js";import"./chunk-656SVJSD.js";import"./chunk-DM5MMGRP.js";import"./chunk-OUQRL4DH.js";import{a as b,b as j}from"./chunk-WMFLPCEX.js";import"./chunk-QQFC5LBJ.js";import{b as f,e as y,j as h}from"./chunk-47YAPV5S.js";import"./chunk-TQ7WWKOF.js";import{a as S}from"./chunk-ESRNSCEY.js";import"./chunk-7DANAGEH.js";import"./chunk-N6G2H3JH.js";import"./chunk-E3UPE373.js";import"./chunk-AIQUGS5M.js";import"./chunk-667VXOXV.js";import"./chunk-K7USK4IP.js";import"./chunk-6J72U2SL.js";import"./chunk-OGKAF2XS.js";import"./chunk-IRMA2UAH.js";import"./chunk-IQWNFCJT.js";import"./chunk-CNXVZQ6R.js";import"./chunk-4B5JODGF.js";import"./chunk-GJPX23F7.js";import"./chunk-GGZBTO37.js";import"./chunk-OEVUFJ2C.js";import"./chunk-REDZXMKD.js";import"./chunk-CRRMDEWY.js";import"./chunk-W45WDLHL.js";import{c as g,e as l}from"./chunk-X2VZSDU6.js";import{a as n}from"./chunk-KI7I7O32.js";import X from"node:path";import{readFile as J}from"node:fs/promises";import V from"node:path";var $={oci:{type:"string",multiple:!0},"oci-platforms":{type:"boolean"},"no-push-to-registry":{type:"boolean"},"sbom-path":{type:"string"},"predicate-type":{type:"string"},"predicate-path":{type:"string"}},q=`Images, SBOMs and other predicates:
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
                               (<bundle-name>.predicate.sigstore.json)`;async function L(t,e,s){let r=O(t.oci),a=n(u=>typeof t[u]=="string"?V.resolve(e.cwd,t[u]):void 0,"file"),o=await I({...a("sbom-path")?{sbomPath:a("sbom-path")}:{},...typeof t["predicate-type"]=="string"?{predicateType:t["predicate-type"]}:{},...a("predicate-path")?{predicatePath:a("predicate-path")}:{},names:{sbomPath:"--sbom-path",predicateType:"--predicate-type",predicatePath:"--predicate-path"}},P(s)),i=Number(e.env.PROVENANT_RETRY_UNIT_MS??""),p=r.length>0?A({env:e.env,log:s,...i>0?{backoffUnitMs:i}:{}}):void 0;return{request:{...r.length>0?{images:{refs:r,platforms:t["oci-platforms"]===!0,inputName:"--oci"}}:{},...o.length>0?{predicates:o}:{}},...p?{registry:p}:{},push:t["no-push-to-registry"]!==!0}}n(L,"ociSignPlan");async function v(t,e,s){return!t.push||!t.registry||!e.images?.length||e.bundles.length===0?[]:N({images:e.images,bundles:e.bundles},{registry:t.registry,readFile:n(r=>J(r),"readFile"),log:s})}n(v,"pushAfterSigning");var Se={name:"sign",summary:"hash, build the SLSA v1 statement and keyless-sign it (Fulcio, Rekor and/or TSA)",usage:`Usage: provenant sign [PATTERN...] [options]

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
  --quiet                      no progress on stderr`,async run(t,e){let{values:s,positionals:r}=w("sign",t,K),a=T(s,r,e,s.oci!==void 0),o=k(e,s.quiet===!0),i=await L(s,e,o),p=n(m=>typeof m=="string"?X.resolve(e.cwd,m):void 0,"resolve"),u=z(s),B=E(s),M=await b(e.env.GITHUB_EVENT_PATH),H=await U(s,e,o),c=await C(e,s.quiet===!0,m=>R({subjects:a,outputDir:p(s["output-dir"]??Y),dryRun:!1,env:e.env,event:M,extras:{},bundles:u,...i.request},{fs:m,writeFile:S,signing:H,log:o,...i.registry?{registry:i.registry}:{}}),j),d=await v(i,c,o);return e.stdout(B?Q(c,d):W(c,d)),0}},Y="provenant-out",K={...F,...$,..._,"output-dir":{type:"string"},"bundle-layout":{type:"string"},"bundle-name":{type:"string"},"subjects-per-statement":{type:"string"},json:{type:"boolean"},format:{type:"string"},quiet:{type:"boolean"}};function z(t){let e=typeof t["bundle-layout"]=="string"?t["bundle-layout"]:"single";if(e!=="single"&&e!=="per-subject")throw g("USAGE",`--bundle-layout: expected single or per-subject, got ${l(e)}.`);let s=t["subjects-per-statement"];return{layout:e,bundleName:f(typeof t["bundle-name"]=="string"?t["bundle-name"]:"provenance.sigstore.json","--bundle-name"),subjectsPerStatement:typeof s=="string"?y(s,"--subjects-per-statement"):1024,concurrency:h}}n(z,"bundleOptions");function D(t){return t.bundles.map(e=>({path:e.path,subjects:e.subjects.map(s=>s.name),...e.predicateType?{predicateType:e.predicateType}:{},...e.facts}))}n(D,"signedBundles");function Q(t,e){let s={statementPath:t.statementPath,bundles:D(t)};return`${JSON.stringify(e.length>0?{...s,referrers:e}:s,null,2)}
`}n(Q,"signedJson");function W(t,e){return e.map(r=>`${r.bundle} attached to ${r.image} as ${r.digest}
`).join("")+D(t).map(r=>`${r.path}
  certificate identity: ${r.certificateIdentity}
`+(r.rekorLogIndex?`  rekor log index: ${r.rekorLogIndex}${r.rekorEntryUrl?` (${r.rekorEntryUrl})`:""}
`:"")+(r.integratedTime?`  logged at: ${r.integratedTime}
`:"")+(r.timestamp?`  timestamp: ${r.timestamp}
`:"")).join("")}n(W,"signedText");export{Se as command};
