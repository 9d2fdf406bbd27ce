#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as A,b as w,c as E,d as R,e as I,f as F,g as j,h as C}from"./chunk-MM6SCQDS.js";import{a as T}from"./chunk-VBUVB5MX.js";import{a as p}from"./chunk-B7UWKLQC.js";import{c as h,d as y,e as o}from"./chunk-KTK7Y4VL.js";import{a as b,c as v}from"./chunk-BEBD5GVY.js";import"./chunk-IRQZZO3Q.js";import"./chunk-YQD6GKGK.js";import"./chunk-OTGOU5UY.js";import"./chunk-3M2BTTTM.js";import"./chunk-3XOTBXFT.js";import"./chunk-656SVJSD.js";import{h as m,i as g}from"./chunk-XRLKPGTC.js";import"./chunk-GJPX23F7.js";import"./chunk-GRVKKW7F.js";import"./chunk-2TINWN6A.js";import"./chunk-EO63L5VZ.js";import"./chunk-ELCZJBT2.js";import"./chunk-3MSEDO67.js";import"./chunk-6J72U2SL.js";import"./chunk-MLNJQZOP.js";import"./chunk-RWKKNXCQ.js";import"./chunk-CRRMDEWY.js";import"./chunk-IRMA2UAH.js";import"./chunk-WHNWGAZ7.js";import"./chunk-FM5SCWWH.js";import"./chunk-W45WDLHL.js";import"./chunk-GGZBTO37.js";import"./chunk-CNXVZQ6R.js";import{c as s,d as c}from"./chunk-6BC2VEHD.js";import{a as n}from"./chunk-KI7I7O32.js";import{resolve as x}from"node:path";var P=`Usage: provenant verify ARTIFACT... [options]

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
the value, as gh and cosign do (a warning says when one is not anchored with ^); a leading (?i) ignores case:
${b.map(C).join(`
`)}

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
                               Example: --jq '.artifacts[] | select(.verified == false) | .artifact'`,U={bundle:{type:"string"},"bundle-dir":{type:"string"},"digest-alg":{type:"string"},...w,...A};async function G(a,t){let{values:e,positionals:d}=T("verify",a,{...E,...U}),S=I(e);if(e.bundle!==void 0&&e["bundle-dir"]!==void 0)throw s("USAGE","expected at most one of --bundle and --bundle-dir, got both.");let l=v(e["digest-alg"]),i=R(e);if(d.length===0)throw s("USAGE",`expected at least one ARTIFACT or sha256:HEX, got none. ${P.split(`
`)[0]}`);for(let r of i.warnings??[])t.stderr(`provenant verify: warning: ${o(r)}
`);let L=await g(j(e),r=>x(t.cwd,r)),f=y(m(L),t.cwd),O=n(r=>t.stderr(`provenant verify: warning: ${o(r)}
`),"warn"),u=await p(d,i,{env:t.env,log:{info:n(()=>{},"info"),warn:O}},r=>h({artifacts:r,...e.bundle!==void 0?{bundle:e.bundle}:{},...e["bundle-dir"]!==void 0?{bundleDir:e["bundle-dir"]}:{},...l?{algorithm:l}:{},policy:i},f),f);return t.stdout(F(u,S)),u.verified?0:1}n(G,"run");var M={name:"verify",summary:"verify artifacts against Sigstore bundles and a signer/source policy",usage:P,async run(a,t){try{return await G(a,t)}catch(e){if(!c(e))throw e;return t.stderr(`provenant verify: ${e.exitCode===2?"error":"not verified"} [${e.code}]: ${o(e.message)}
`),e.exitCode}}};export{M as command};
