#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{c as v,d as A,e as T,f as E,g as L,h as I,i as w,j as F}from"./chunk-KZHREW3G.js";import{a as b}from"./chunk-7XNBMR7G.js";import{a as y}from"./chunk-O2G7J3PS.js";import{f as h,h as m}from"./chunk-GTPLIVEW.js";import{c as g}from"./chunk-2NOFKF5O.js";import{c as o}from"./chunk-B65ADECG.js";import"./chunk-HQ43ASEU.js";import{j as c,k as p}from"./chunk-STCK26CW.js";import"./chunk-2TINWN6A.js";import"./chunk-FGMMN6JT.js";import"./chunk-IPBODBKT.js";import"./chunk-ZELWZK42.js";import"./chunk-T66NHTKU.js";import"./chunk-CRRMDEWY.js";import"./chunk-FGMG6ZDZ.js";import"./chunk-IRMA2UAH.js";import"./chunk-FM5SCWWH.js";import"./chunk-W45WDLHL.js";import"./chunk-GGZBTO37.js";import"./chunk-PQCIM56I.js";import{c as s,d as f}from"./chunk-TD3BNEK4.js";import{a as u}from"./chunk-KI7I7O32.js";import{resolve as j}from"node:path";var O={layout:{type:"string"},"layout-bundle":{type:"string"},"layout-cert-identity":{type:"string"},"layout-cert-oidc-issuer":{type:"string"},"layout-key":{type:"string"},attestations:{type:"string"},"attestations-release":{type:"string"},"attestations-repo":{type:"string"}},R=`Pipeline (instead of the policy flags; docs/layouts.md):
  --layout FILE                a layout (JSON, or YAML): the steps, who signs each, and their artifact rules
  --layout-bundle FILE         its signature (provenant sign-layout; default: FILE.sigstore.json)
  --layout-cert-identity SAN --layout-cert-oidc-issuer URL
                               who must have signed the layout (exactly), or
  --layout-key FILE            the PEM public key that signed it
  --attestations DIR           the steps' link bundles and provenance bundles, and/or
  --attestations-release TAG   every bundle asset of that release (--attestations-repo OWNER/REPO, default
                               $GITHUB_REPOSITORY; token from $GH_TOKEN or $GITHUB_TOKEN; $GITHUB_API_URL)`;var P=`Usage: provenant verify ARTIFACT... [options]

Verifies each artifact against a Sigstore bundle and a policy. Exit 0: all verified; 1: any failed; 2: usage.
An ARTIFACT is a file, a directory (every file below it), a glob in quotes ('dist/*.tgz', so the shell leaves it
alone), a !PATTERN that leaves files out, or sha256:HEX. Files ending in .sigstore.json or .jsonl are bundles,
never artifacts. The verify action's artifacts input takes the same.

Bundles (default: <artifact>.sigstore.json beside each artifact):
  --bundle FILE                one bundle (or .jsonl, one bundle per line) for all artifacts
  --bundle-dir DIR             <artifact name>.sigstore.json in DIR, else any bundle in DIR naming the artifact;
                               a file there that does not load is reported and skipped

Policy (at least one identity constraint; --owner or --repo suffice). Patterns (RE) are searched for anywhere in
the value, as gh and cosign do (a warning says when one is not anchored with ^); a leading (?i) ignores case:
${h.map(F).join(`
`)}

${R}

Trust:
  --trusted-root FILE          a trusted_root.json, or gh's trusted_root.jsonl (one root per line), offline;
                               else TUF for --instance (also --custom-trusted-root, as gh calls it)
  --instance NAME              public-good (default), staging or github
  --tuf-cache-dir DIR          TUF metadata cache (default ~/.cache/provenant/tuf)
  --tuf-root FILE              initial TUF root.json for instances not embedded in sigstore-js
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
                               Example: --jq '.artifacts[] | select(.verified == false) | .artifact'`,G={bundle:{type:"string"},"bundle-dir":{type:"string"},"digest-alg":{type:"string"},...A,...v,...O};async function _(a,t){let{values:e,positionals:n}=b("verify",a,{...T,...G});if(e.layout!==void 0)return(await import("./verify-layout-JCNJYXS7.js")).verifyWithLayout(e,n,t);let U=L(e);if(e.bundle!==void 0&&e["bundle-dir"]!==void 0)throw s("USAGE","expected at most one of --bundle and --bundle-dir, got both.");let i=m(e["digest-alg"]),l=E(e);if(n.length===0)throw s("USAGE",`expected at least one ARTIFACT or sha256:HEX, got none. ${P.split(`
`)[0]}`);for(let r of l.warnings??[])t.stderr(`provenant verify: warning: ${o(r)}
`);let S=await p(w(e),r=>j(t.cwd,r)),d=await y({artifacts:n,...e.bundle!==void 0?{bundle:e.bundle}:{},...e["bundle-dir"]!==void 0?{bundleDir:e["bundle-dir"]}:{},...i?{algorithm:i}:{},policy:l},g(c(S),t.cwd));return t.stdout(I(d,U)),d.verified?0:1}u(_,"run");var M={name:"verify",summary:"verify artifacts against Sigstore bundles and a signer/source policy",usage:P,async run(a,t){try{return await _(a,t)}catch(e){if(!f(e))throw e;return t.stderr(`provenant verify: ${e.exitCode===2?"error":"not verified"} [${e.code}]: ${o(e.message)}
`),e.exitCode}}};export{M as command};
