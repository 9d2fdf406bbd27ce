#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as q}from"./chunk-W5CZNGOQ.js";import{a as P}from"./chunk-CEPKNFIT.js";import{a as L,b as N,c as C,d as v}from"./chunk-2O3IEIDG.js";import{a as $,b as x,d as D}from"./chunk-2URJD2KP.js";import{a as F,c as G}from"./chunk-ACERKKOY.js";import{a as A}from"./chunk-5S5X6IVU.js";import{a as j}from"./chunk-JYN5XF3A.js";import{a as E,b as T}from"./chunk-RM4R2ZPR.js";import{b as _}from"./chunk-JX4EAGY7.js";import{b as I,e as b,j as k}from"./chunk-WGQXD2PG.js";import{g as O}from"./chunk-H5W6MQDA.js";import{c as w}from"./chunk-LNRYZDA6.js";import{c as y,e as U}from"./chunk-NETPM2QI.js";import{a as r}from"./chunk-KI7I7O32.js";import z from"node:path";import{createHash as M}from"node:crypto";import{readFile as Y}from"node:fs/promises";import H from"node:path";var V={"signing-config":{type:"string"},"tuf-mirror":{type:"string"},"tuf-root":{type:"string"},"tuf-cache-dir":{type:"string"}},B=`  --signing-config FILE        a Sigstore signing_config.v0.2.json: its Fulcio, Rekor (v1 or v2) and TSA, chosen
                               by the spec's rules (--fulcio-url, --rekor-url, --tsa-url override its choice)
  --tuf-mirror URL --tuf-root FILE
                               a Sigstore instance's TUF repository (a foundation's own): its signing config and
                               trusted root, verified by TUF and cached (--tuf-cache-dir, default ~/.cache/provenant/tuf)`,i=r((e,t)=>typeof e[t]=="string"?e[t]:void 0,"flag");async function J(e,t,n){let u=i(e,"signing-config"),o=i(e,"tuf-mirror");if(!u&&!o)return;if(i(e,"sigstore")!==void 0)throw y("USAGE","--sigstore names a known instance; --signing-config and --tuf-mirror describe one: give one of them.");let s=r(h=>H.resolve(t.cwd,h),"here"),a=i(e,"trusted-root")?s(i(e,"trusted-root")):void 0,l,c=u?s(u):"";if(o){let h=i(e,"tuf-root");if(!h)throw y("USAGE",`--tuf-mirror ${o}: expected --tuf-root FILE too (the repository's initial root.json), got none.`);let R=i(e,"tuf-cache-dir")?s(i(e,"tuf-cache-dir")):H.join(O(t.env),M("sha256").update(o).digest("hex").slice(0,16)),S=await q({mirror:o,rootPath:s(h),cacheDir:R});n.info(`TUF repository ${o}: trusted root and signing config verified, cached in ${R}`),a??=S.trustedRootPath,u||(l=S.signingConfig,c=`${o}/signing_config.v0.2.json`)}l??=await Y(c,"utf8");let d=D($(l,c,x,Date.now()),c),f=i(e,"fulcio-url")??d.fulcioUrl,p=i(e,"rekor-url")??d.rekorUrl,m=i(e,"tsa-url")??d.tsaUrl,g=i(e,"rekor-url")?1:d.rekorApiVersion;return{sigstore:"custom",fulcioUrl:f,...p?{rekorUrl:p}:{},...p&&g?{rekorApiVersion:g}:{},...m?{tsaUrl:m}:{},...a?{trustedRoot:a}:{}}}r(J,"configuredInstance");var Tt={name:"sign",summary:"hash, build the SLSA v1 statement and keyless-sign it (Fulcio, Rekor and/or TSA)",usage:`Usage: provenant sign [PATTERN...] [options]

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
  --quiet                      no progress on stderr`,async run(e,t){let{values:n,positionals:u}=F("sign",e,W),o=C(n,u,t),s=v(t,n.quiet===!0),a=r(g=>typeof g=="string"?z.resolve(t.cwd,g):void 0,"resolve"),l=X(n),c=G(n),d=await E(t.env.GITHUB_EVENT_PATH),f=await J(n,t,s),p=A({...f??et(n,t.env,a(n["trusted-root"])),...typeof n["identity-token"]=="string"?{identityToken:n["identity-token"]}:{},allowPublicLog:n["allow-public-log"]===!0,verifyAfterSign:n["no-verify-after-sign"]!==!0,env:t.env,labels:w,...t.workflowCommand?{maskSecret:r(g=>t.workflowCommand(`::add-mask::${g}`),"maskSecret")}:{}},s),m=await P(t,n.quiet===!0,g=>j({subjects:o,outputDir:a(n["output-dir"]??Q),dryRun:!1,env:t.env,event:d,extras:{},bundles:l},{fs:g,writeFile:_,signing:p,log:s}),T);return t.stdout(c?Z(m):tt(m)),0}},Q="provenant-out",W={...L,...V,"identity-token":{type:"string"},sigstore:{type:"string"},"fulcio-url":{type:"string"},"rekor-url":{type:"string"},"tsa-url":{type:"string"},"trusted-root":{type:"string"},"allow-public-log":{type:"boolean"},"no-verify-after-sign":{type:"boolean"},"output-dir":{type:"string"},"bundle-layout":{type:"string"},"bundle-name":{type:"string"},"subjects-per-statement":{type:"string"},json:{type:"boolean"},format:{type:"string"},quiet:{type:"boolean"}};function X(e){let t=typeof e["bundle-layout"]=="string"?e["bundle-layout"]:"single";if(t!=="single"&&t!=="per-subject")throw y("USAGE",`--bundle-layout: expected single or per-subject, got ${U(t)}.`);let n=e["subjects-per-statement"];return{layout:t,bundleName:I(typeof e["bundle-name"]=="string"?e["bundle-name"]:"provenance.sigstore.json","--bundle-name"),subjectsPerStatement:typeof n=="string"?b(n,"--subjects-per-statement"):1024,concurrency:k}}r(X,"bundleOptions");function K(e){return e.bundles.map(t=>({path:t.path,subjects:t.subjects.map(n=>n.name),...t.facts}))}r(K,"signedBundles");function Z(e){return`${JSON.stringify({statementPath:e.statementPath,bundles:K(e)},null,2)}
`}r(Z,"signedJson");function tt(e){return K(e).map(t=>`${t.path}
  certificate identity: ${t.certificateIdentity}
`+(t.rekorLogIndex?`  rekor log index: ${t.rekorLogIndex}${t.rekorEntryUrl?` (${t.rekorEntryUrl})`:""}
`:"")+(t.integratedTime?`  logged at: ${t.integratedTime}
`:"")+(t.timestamp?`  timestamp: ${t.timestamp}
`:"")).join("")}r(tt,"signedText");function et(e,t,n){let u=r(f=>typeof e[f]=="string"?e[f]:void 0,"flag"),o=u("sigstore")===void 0&&u("fulcio-url")===void 0&&!!t.SIGSTORE_FULCIO_URL,s=r((f,p)=>u(f)??(o?t[p]:void 0),"pick"),a=s("fulcio-url","SIGSTORE_FULCIO_URL"),l=s("rekor-url","SIGSTORE_REKOR_URL"),c=s("tsa-url","SIGSTORE_TSA_URL"),d=n??(o?t.SIGSTORE_TRUSTED_ROOT:void 0);return{sigstore:u("sigstore")??(o?"custom":""),...a?{fulcioUrl:a}:{},...l?{rekorUrl:l}:{},...c?{tsaUrl:c}:{},...d?{trustedRoot:d}:{}}}r(et,"instanceFlags");export{V as a,B as b,J as c,Tt as d,et as e};
