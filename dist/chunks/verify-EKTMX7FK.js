#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as v,b as T,c as A,d as w,e as E,f as j,g as I,h as F}from"./chunk-3GAFNC2J.js";import{a as y}from"./chunk-7XNBMR7G.js";import{b as g,d as h,f as p,h as b,i as o}from"./chunk-FOGNYZZA.js";import"./chunk-HQ43ASEU.js";import{j as c,k as m}from"./chunk-STCK26CW.js";import"./chunk-2TINWN6A.js";import"./chunk-6B3OGW3H.js";import"./chunk-T66NHTKU.js";import"./chunk-CRRMDEWY.js";import"./chunk-FGMG6ZDZ.js";import"./chunk-IRMA2UAH.js";import"./chunk-FM5SCWWH.js";import"./chunk-W45WDLHL.js";import"./chunk-GGZBTO37.js";import"./chunk-PQCIM56I.js";import{c as a,d as u}from"./chunk-TD3BNEK4.js";import{a as f}from"./chunk-KI7I7O32.js";import{resolve as L}from"node:path";var P=`Usage: provenant verify ARTIFACT... [options]

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
${p.map(F).join(`
`)}

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
                               Example: --jq '.artifacts[] | select(.verified == false) | .artifact'`,S={bundle:{type:"string"},"bundle-dir":{type:"string"},"digest-alg":{type:"string"},...T,...v};async function O(r,t){let{values:e,positionals:i}=y("verify",r,{...A,...S}),R=E(e);if(e.bundle!==void 0&&e["bundle-dir"]!==void 0)throw a("USAGE","expected at most one of --bundle and --bundle-dir, got both.");let s=b(e["digest-alg"]),d=w(e);if(i.length===0)throw a("USAGE",`expected at least one ARTIFACT or sha256:HEX, got none. ${P.split(`
`)[0]}`);for(let n of d.warnings??[])t.stderr(`provenant verify: warning: ${o(n)}
`);let C=await m(I(e),n=>L(t.cwd,n)),l=await h({artifacts:i,...e.bundle!==void 0?{bundle:e.bundle}:{},...e["bundle-dir"]!==void 0?{bundleDir:e["bundle-dir"]}:{},...s?{algorithm:s}:{},policy:d},g(c(C),t.cwd));return t.stdout(j(l,R)),l.verified?0:1}f(O,"run");var X={name:"verify",summary:"verify artifacts against Sigstore bundles and a signer/source policy",usage:P,async run(r,t){try{return await O(r,t)}catch(e){if(!u(e))throw e;return t.stderr(`provenant verify: ${e.exitCode===2?"error":"not verified"} [${e.code}]: ${o(e.message)}
`),e.exitCode}}};export{X as command};
