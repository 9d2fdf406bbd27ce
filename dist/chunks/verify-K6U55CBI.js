#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as S,b as L,c as j,d as F,e as O,f as C,g as $,h as x}from"./chunk-ONIXIMMX.js";import{a as P}from"./chunk-VYAHVUU6.js";import{a as E,b as u,c as w,d as I}from"./chunk-27FYSL7B.js";import{a as d}from"./chunk-YWYWIUVA.js";import{e as v}from"./chunk-W66YTZLF.js";import"./chunk-4CFXECBM.js";import"./chunk-CJJCL3KV.js";import"./chunk-3M2BTTTM.js";import"./chunk-656SVJSD.js";import"./chunk-J52SKUFM.js";import"./chunk-ZXMLRVZR.js";import{b as A}from"./chunk-LRKJ5IUZ.js";import{a as R,c as T}from"./chunk-DYCGPPQ6.js";import"./chunk-QLJIRKBY.js";import"./chunk-432U2E6N.js";import"./chunk-QRYLN6FM.js";import"./chunk-OZ4A7DYP.js";import"./chunk-3XOTBXFT.js";import{h as y,i as b}from"./chunk-SEB2LWVR.js";import"./chunk-QIUOX5A2.js";import"./chunk-GJPX23F7.js";import"./chunk-GGZBTO37.js";import"./chunk-2TINWN6A.js";import"./chunk-5OKWJHMF.js";import"./chunk-E3UPE373.js";import"./chunk-6YOE7ZTP.js";import"./chunk-XHKFJUI3.js";import"./chunk-6J72U2SL.js";import"./chunk-CRRMDEWY.js";import"./chunk-IRMA2UAH.js";import"./chunk-HKBWMZA5.js";import"./chunk-CNXVZQ6R.js";import"./chunk-FM5SCWWH.js";import"./chunk-W45WDLHL.js";import{c as p,d as h}from"./chunk-UGPSQO4T.js";import{a as n}from"./chunk-KI7I7O32.js";import{resolve as q}from"node:path";var G={...Object.fromEntries(u.map(e=>[e.name,{type:e.type}])),"approval-bundle":{type:"string"}},c=31,U=n((e,r)=>e.length<=c-2?`${e.padEnd(c)}${r}`:`${e}
${" ".repeat(c)}${r}`,"line"),_=["Release approval (docs/release-approval.md): the provenance says what built the artifact, an approval signed from a","protected environment says the maintainers released it. Without --approval-bundle, approval.sigstore.json is","looked up beside the provenance bundle and in --bundle-dir:",...u.map(e=>U(`  --${e.name}${e.argument?` ${e.argument}`:""}`,e.help)),U("  --approval-bundle FILE","the approval signature for every artifact")].join(`
`);function N(e,r){let t=w({string:n(a=>typeof e[a]=="string"?e[a]:void 0,"string"),boolean:n(a=>e[a]===!0,"boolean")}),o=typeof e["approval-bundle"]=="string"?e["approval-bundle"]:void 0;if(Object.keys(t).length===0&&o===void 0)return{};let s=I(t,r);return o!==void 0&&!s.approval&&s.warnings.push("--approval-bundle is read only with --require-approval."),{release:s,...o!==void 0?{approvalBundle:o}:{}}}n(N,"releaseFrom");var D=`Usage: provenant verify ARTIFACT... [options]

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
${R.map(x).join(`
`)}

${_}

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
                               Example: --jq '.artifacts[] | select(.verified == false) | .artifact'`,X={bundle:{type:"string"},"bundle-dir":{type:"string"},"digest-alg":{type:"string"},...L,...S,...G};async function V(e,r){let{values:t,positionals:o}=P("verify",e,{...j,...X}),s=O(t);if(t.bundle!==void 0&&t["bundle-dir"]!==void 0)throw p("USAGE","expected at most one of --bundle and --bundle-dir, got both.");let a=T(t["digest-alg"]),l=F(t),f=N(t,l);if(o.length===0)throw p("USAGE",`expected at least one ARTIFACT or sha256:HEX, got none. ${D.split(`
`)[0]}`);for(let i of[...l.warnings??[],...f.release?.warnings??[]])r.stderr(`provenant verify: warning: ${d(i)}
`);let H=await b($(t),i=>q(r.cwd,i)),m=A(y(H),r.cwd),k=n(i=>r.stderr(`provenant verify: warning: ${d(i)}
`),"warn"),g=await E(o,l,{env:r.env,log:{info:n(()=>{},"info"),warn:k}},i=>v({artifacts:i,...t.bundle!==void 0?{bundle:t.bundle}:{},...t["bundle-dir"]!==void 0?{bundleDir:t["bundle-dir"]}:{},...a?{algorithm:a}:{},...f,policy:l},m),m);return r.stdout(C(g,s)),g.verified?0:1}n(V,"run");var ae={name:"verify",summary:"verify artifacts against Sigstore bundles and a signer/source policy",usage:D,async run(e,r){try{return await V(e,r)}catch(t){if(!h(t))throw t;return r.stderr(`provenant verify: ${t.exitCode===2?"error":"not verified"} [${t.code}]: ${d(t.message)}
`),t.exitCode}}};export{ae as command};
