#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{c as w,d as P,e as F,f as U,g as j,h as G,i as _,j as $}from"./chunk-RWQWCBXZ.js";import{a as S}from"./chunk-VXSI7TCF.js";import{a as A,b as p,c as I,d as O}from"./chunk-NDFF7K2K.js";import{e as v}from"./chunk-EZSY4YK5.js";import"./chunk-OR4OSFOB.js";import{a as d}from"./chunk-UUHQ5EZQ.js";import"./chunk-DAUQA3YA.js";import"./chunk-WOYIQ36P.js";import"./chunk-3M2BTTTM.js";import"./chunk-656SVJSD.js";import"./chunk-DM5MMGRP.js";import"./chunk-OUQRL4DH.js";import"./chunk-OZ4A7DYP.js";import{a as T,c as L}from"./chunk-XPSVCW35.js";import"./chunk-2QHVR476.js";import{b as R}from"./chunk-OTIDUAI2.js";import"./chunk-O47YCBVA.js";import"./chunk-A4IKRYO7.js";import"./chunk-3CTUHMH2.js";import"./chunk-5CVDRPTM.js";import"./chunk-N6G2H3JH.js";import"./chunk-E3UPE373.js";import"./chunk-AIQUGS5M.js";import"./chunk-667VXOXV.js";import"./chunk-K7USK4IP.js";import"./chunk-6J72U2SL.js";import"./chunk-IRMA2UAH.js";import"./chunk-IQWNFCJT.js";import"./chunk-CNXVZQ6R.js";import"./chunk-SBBRN7NM.js";import"./chunk-5MMBHZCU.js";import{h as b,i as E}from"./chunk-4B5JODGF.js";import"./chunk-GJPX23F7.js";import"./chunk-GGZBTO37.js";import"./chunk-OEVUFJ2C.js";import"./chunk-REDZXMKD.js";import"./chunk-CRRMDEWY.js";import"./chunk-FM5SCWWH.js";import"./chunk-W45WDLHL.js";import{c as u,d as h}from"./chunk-X2VZSDU6.js";import{a as r}from"./chunk-KI7I7O32.js";import{resolve as q}from"node:path";var x={...Object.fromEntries(p.map(t=>[t.name,{type:t.type}])),"approval-bundle":{type:"string"}},c=31,C=r((t,n)=>t.length<=c-2?`${t.padEnd(c)}${n}`:`${t}
${" ".repeat(c)}${n}`,"line"),N=["Release approval (docs/release-approval.md): the provenance says what built the artifact, an approval signed from a","protected environment says the maintainers released it. Without --approval-bundle, approval.sigstore.json is","looked up beside the provenance bundle and in --bundle-dir:",...p.map(t=>C(`  --${t.name}${t.argument?` ${t.argument}`:""}`,t.help)),C("  --approval-bundle FILE","the approval signature for every artifact")].join(`
`);function k(t,n){let e=I({string:r(o=>typeof t[o]=="string"?t[o]:void 0,"string"),boolean:r(o=>t[o]===!0,"boolean")}),a=typeof t["approval-bundle"]=="string"?t["approval-bundle"]:void 0;if(Object.keys(e).length===0&&a===void 0)return{};let i=O(e,n);return a!==void 0&&!i.approval&&i.warnings.push("--approval-bundle is read only with --require-approval."),{release:i,...a!==void 0?{approvalBundle:a}:{}}}r(k,"releaseFrom");var H={layout:{type:"string"},"layout-bundle":{type:"string"},"layout-cert-identity":{type:"string"},"layout-cert-oidc-issuer":{type:"string"},"layout-key":{type:"string"},attestations:{type:"string"},"attestations-release":{type:"string"},"attestations-repo":{type:"string"}},Y=`Pipeline (instead of the policy flags; docs/layouts.md):
  --layout FILE                a layout (JSON, or YAML): the steps, who signs each, and their artifact rules
  --layout-bundle FILE         its signature (provenant sign-layout; default: FILE.sigstore.json)
  --layout-cert-identity SAN --layout-cert-oidc-issuer URL
                               who must have signed the layout (exactly), or
  --layout-key FILE            the PEM public key that signed it
  --attestations DIR           the steps' link bundles and provenance bundles, and/or
  --attestations-release TAG   every bundle asset of that release (--attestations-repo OWNER/REPO, default
                               $GITHUB_REPOSITORY; token from $GH_TOKEN or $GITHUB_TOKEN; $GITHUB_API_URL)`;var D=`Usage: provenant verify ARTIFACT... [options]

Verifies each artifact against a Sigstore bundle and a policy. Exit 0: all verified; 1: any failed; 2: usage.
An ARTIFACT is a file, a directory (every file below it), a glob in quotes ('dist/*.tgz', so the shell leaves it
alone), a !PATTERN that leaves files out, or sha256:HEX. Files ending in .sigstore.json or .jsonl are bundles,
never artifacts. The verify action's artifacts input takes the same.

An ARTIFACT may also be a container image, oci://REGISTRY/REPO@sha256:HEX or oci://REGISTRY/REPO:TAG: its
Sigstore bundles of the --predicate-type are pulled from the registry (the referrers API, or the sha256-<hex>
tag) and the image's digest is verified against them. Credentials come from $DOCKER_CONFIG/config.json.

Bundles (default: <artifact>.sigstore.json beside each artifact):
  --bundle FILE                one bundle (or .jsonl, one bundle per line) for all artifacts
  --bundle-dir DIR             <artifact name>.sigstore.json in DIR, else any bundle in DIR naming the artifact;
                               a file there that does not load is reported and skipped

Policy (at least one identity constraint; --owner or --repo suffice). Patterns (RE) are searched for anywhere in
the value, as gh and cosign do (a warning says when one is not anchored with ^), in Go's RE2 syntax and in time
linear in the value; a leading (?i) ignores case:
${T.map($).join(`
`)}

${N}
${Y}

Trust:
  --trusted-root FILE          a trusted_root.json, or gh's trusted_root.jsonl (one root per line), offline;
                               else TUF for --instance (also --custom-trusted-root, as gh calls it)
  --instance NAME              public-good (default), staging or github
  --tuf-cache-dir DIR          TUF metadata cache (default ~/.cache/provenant/tuf)
  --tuf-root FILE              initial TUF root.json for instances not embedded in sigstore-js
  --tuf-mirror URL             a Sigstore instance's TUF repository (a foundation's own), with --tuf-root
  --digest-alg ALG             hash files with sha256, sha384 or sha512 (default: what each bundle names)

Output:
  --format text|json           default text; json adds the enforced policy, every certificate extension and each
                               bundle's path (--json is the same)
  --jq EXPR                    print the JSON filtered by EXPR, one output per line (strings as they are, other
                               values as JSON), in this subset of jq, evaluated by Provenant:
                                 .   .name   .["name"]   .[N] (negative from the end)   .[]
                                 paths of these (.artifacts[].certificate.issuer), pipes (|), and
                                 select(PATH == LITERAL), select(PATH != LITERAL) with a JSON string, number,
                                 true, false or null
                               Example: --jq '.artifacts[] | select(.verified == false) | .artifact'`,M={bundle:{type:"string"},"bundle-dir":{type:"string"},"digest-alg":{type:"string"},...P,...w,...x,...H};async function X(t,n){let{values:e,positionals:a}=S("verify",t,{...F,...M});if(e.layout!==void 0)return(await import("./verify-layout-HTUUN65H.js")).verifyWithLayout(e,a,n);let i=j(e);if(e.bundle!==void 0&&e["bundle-dir"]!==void 0)throw u("USAGE","expected at most one of --bundle and --bundle-dir, got both.");let o=L(e["digest-alg"]),l=U(e),f=k(e,l);if(a.length===0)throw u("USAGE",`expected at least one ARTIFACT or sha256:HEX, got none. ${D.split(`
`)[0]}`);for(let s of[...l.warnings??[],...f.release?.warnings??[]])n.stderr(`provenant verify: warning: ${d(s)}
`);let g=await E(_(e),s=>q(n.cwd,s)),y=R(b(g),n.cwd,g),B=r(s=>n.stderr(`provenant verify: warning: ${d(s)}
`),"warn"),m=await A(a,l,{env:n.env,log:{info:r(()=>{},"info"),warn:B}},s=>v({artifacts:s,...e.bundle!==void 0?{bundle:e.bundle}:{},...e["bundle-dir"]!==void 0?{bundleDir:e["bundle-dir"]}:{},...o?{algorithm:o}:{},...f,policy:l},y),y);return n.stdout(G(m,i)),m.verified?0:1}r(X,"run");var de={name:"verify",summary:"verify artifacts against Sigstore bundles and a signer/source policy",usage:D,async run(t,n){try{return await X(t,n)}catch(e){if(!h(e))throw e;return n.stderr(`provenant verify: ${e.exitCode===2?"error":"not verified"} [${e.code}]: ${d(e.message)}
`),e.exitCode}}};export{de as command};
