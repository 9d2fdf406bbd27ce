#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{c as A,d as E,e as I,f as R,g as L,h as w,i as O,j as F}from"./chunk-5HTRVAJ3.js";import{a as T}from"./chunk-LJBSD6LT.js";import{a as m}from"./chunk-WI7NHRO3.js";import{c as h}from"./chunk-7AIR5QPH.js";import{f as b,h as v}from"./chunk-X3ATN7ZA.js";import{f as y}from"./chunk-GPPY2QZY.js";import{c as a}from"./chunk-CVDJ3PS5.js";import"./chunk-3XOTBXFT.js";import{h as g,i as p}from"./chunk-4Z3MSIWM.js";import"./chunk-GJPX23F7.js";import"./chunk-QQS2PUSF.js";import"./chunk-2TINWN6A.js";import"./chunk-7XG7E6WV.js";import"./chunk-KOWIYSS5.js";import"./chunk-RBQPOD7Y.js";import"./chunk-LDTQHYCE.js";import"./chunk-5BIUWCCO.js";import"./chunk-CRRMDEWY.js";import"./chunk-IRMA2UAH.js";import"./chunk-FM5SCWWH.js";import"./chunk-W45WDLHL.js";import"./chunk-GGZBTO37.js";import"./chunk-WT2QLGUD.js";import"./chunk-3M2BTTTM.js";import"./chunk-656SVJSD.js";import"./chunk-HYMZY6LN.js";import"./chunk-HLVCA3OK.js";import"./chunk-CNXVZQ6R.js";import{c as l,d as c}from"./chunk-G2FOKI42.js";import{a as n}from"./chunk-KI7I7O32.js";import{resolve as _}from"node:path";var P={layout:{type:"string"},"layout-bundle":{type:"string"},"layout-cert-identity":{type:"string"},"layout-cert-oidc-issuer":{type:"string"},"layout-key":{type:"string"},attestations:{type:"string"},"attestations-release":{type:"string"},"attestations-repo":{type:"string"}},S=`Pipeline (instead of the policy flags; docs/layouts.md):
  --layout FILE                a layout (JSON, or YAML): the steps, who signs each, and their artifact rules
  --layout-bundle FILE         its signature (provenant sign-layout; default: FILE.sigstore.json)
  --layout-cert-identity SAN --layout-cert-oidc-issuer URL
                               who must have signed the layout (exactly), or
  --layout-key FILE            the PEM public key that signed it
  --attestations DIR           the steps' link bundles and provenance bundles, and/or
  --attestations-release TAG   every bundle asset of that release (--attestations-repo OWNER/REPO, default
                               $GITHUB_REPOSITORY; token from $GH_TOKEN or $GITHUB_TOKEN; $GITHUB_API_URL)`;var U=`Usage: provenant verify ARTIFACT... [options]

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
${b.map(F).join(`
`)}

${S}

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
                               Example: --jq '.artifacts[] | select(.verified == false) | .artifact'`,x={bundle:{type:"string"},"bundle-dir":{type:"string"},"digest-alg":{type:"string"},...E,...A,...P};async function N(o,t){let{values:e,positionals:s}=T("verify",o,{...I,...x});if(e.layout!==void 0)return(await import("./verify-layout-PV5XDBDU.js")).verifyWithLayout(e,s,t);let j=L(e);if(e.bundle!==void 0&&e["bundle-dir"]!==void 0)throw l("USAGE","expected at most one of --bundle and --bundle-dir, got both.");let d=v(e["digest-alg"]),i=R(e);if(s.length===0)throw l("USAGE",`expected at least one ARTIFACT or sha256:HEX, got none. ${U.split(`
`)[0]}`);for(let r of i.warnings??[])t.stderr(`provenant verify: warning: ${a(r)}
`);let G=await p(O(e),r=>_(t.cwd,r)),u=y(g(G),t.cwd),C=n(r=>t.stderr(`provenant verify: warning: ${a(r)}
`),"warn"),f=await m(s,i,{env:t.env,log:{info:n(()=>{},"info"),warn:C}},r=>h({artifacts:r,...e.bundle!==void 0?{bundle:e.bundle}:{},...e["bundle-dir"]!==void 0?{bundleDir:e["bundle-dir"]}:{},...d?{algorithm:d}:{},policy:i},u),u);return t.stdout(w(f,j)),f.verified?0:1}n(N,"run");var V={name:"verify",summary:"verify artifacts against Sigstore bundles and a signer/source policy",usage:U,async run(o,t){try{return await N(o,t)}catch(e){if(!c(e))throw e;return t.stderr(`provenant verify: ${e.exitCode===2?"error":"not verified"} [${e.code}]: ${a(e.message)}
`),e.exitCode}}};export{V as command};
