#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{c as v,d as A,e as L,f as T,g as E,h as w,i as F,j as I}from"./chunk-KZHREW3G.js";import{a as b}from"./chunk-7XNBMR7G.js";import{a as h}from"./chunk-O2G7J3PS.js";import{f as y,h as m}from"./chunk-GTPLIVEW.js";import{c as g}from"./chunk-2NOFKF5O.js";import{c as i}from"./chunk-B65ADECG.js";import"./chunk-HQ43ASEU.js";import{j as f,k as p}from"./chunk-STCK26CW.js";import"./chunk-2TINWN6A.js";import"./chunk-FGMMN6JT.js";import"./chunk-IPBODBKT.js";import"./chunk-ZELWZK42.js";import"./chunk-T66NHTKU.js";import"./chunk-CRRMDEWY.js";import"./chunk-FGMG6ZDZ.js";import"./chunk-IRMA2UAH.js";import"./chunk-FM5SCWWH.js";import"./chunk-W45WDLHL.js";import"./chunk-GGZBTO37.js";import"./chunk-PQCIM56I.js";import{c as o,d as c}from"./chunk-TD3BNEK4.js";import{a as u}from"./chunk-KI7I7O32.js";import{resolve as U}from"node:path";var j={layout:{type:"string"},"layout-bundle":{type:"string"},"layout-cert-identity":{type:"string"},"layout-cert-oidc-issuer":{type:"string"},"layout-key":{type:"string"},attestations:{type:"string"}},S=`Pipeline (instead of the policy flags; docs/layouts.md):
  --layout FILE                a layout (JSON, or YAML): the steps, who signs each, and their artifact rules
  --layout-bundle FILE         its signature (provenant sign-layout; default: FILE.sigstore.json)
  --layout-cert-identity SAN --layout-cert-oidc-issuer URL
                               who must have signed the layout (exactly), or
  --layout-key FILE            the PEM public key that signed it
  --attestations DIR           the steps' link bundles and provenance bundles`;var P=`Usage: provenant verify ARTIFACT... [options]

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
${y.map(I).join(`
`)}

${S}

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
                               Example: --jq '.artifacts[] | select(.verified == false) | .artifact'`,C={bundle:{type:"string"},"bundle-dir":{type:"string"},"digest-alg":{type:"string"},...A,...v,...j};async function x(n,t){let{values:e,positionals:r}=b("verify",n,{...L,...C});if(e.layout!==void 0)return(await import("./verify-layout-URDFGJKB.js")).verifyWithLayout(e,r,t);let R=E(e);if(e.bundle!==void 0&&e["bundle-dir"]!==void 0)throw o("USAGE","expected at most one of --bundle and --bundle-dir, got both.");let s=m(e["digest-alg"]),l=T(e);if(r.length===0)throw o("USAGE",`expected at least one ARTIFACT or sha256:HEX, got none. ${P.split(`
`)[0]}`);for(let a of l.warnings??[])t.stderr(`provenant verify: warning: ${i(a)}
`);let O=await p(F(e),a=>U(t.cwd,a)),d=await h({artifacts:r,...e.bundle!==void 0?{bundle:e.bundle}:{},...e["bundle-dir"]!==void 0?{bundleDir:e["bundle-dir"]}:{},...s?{algorithm:s}:{},policy:l},g(f(O),t.cwd));return t.stdout(w(d,R)),d.verified?0:1}u(x,"run");var X={name:"verify",summary:"verify artifacts against Sigstore bundles and a signer/source policy",usage:P,async run(n,t){try{return await x(n,t)}catch(e){if(!c(e))throw e;return t.stderr(`provenant verify: ${e.exitCode===2?"error":"not verified"} [${e.code}]: ${i(e.message)}
`),e.exitCode}}};export{X as command};
