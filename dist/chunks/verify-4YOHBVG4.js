#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as L,b as P,c as j,d as S,e as F,f as I,g as O,h as C}from"./chunk-6KKNP35L.js";import{a as T}from"./chunk-HGKD5SNC.js";import{a as p,b as R,c as w}from"./chunk-ABDATL4S.js";import{a as u}from"./chunk-YWYWIUVA.js";import{d as v}from"./chunk-37FTXW6S.js";import{c as b,e as E,g as A}from"./chunk-6NALGNJP.js";import"./chunk-AIP6VG3Y.js";import"./chunk-4CASUDFN.js";import{j as h,k as y}from"./chunk-UZSOX7KM.js";import"./chunk-OZ4A7DYP.js";import"./chunk-2TINWN6A.js";import"./chunk-J7SYQVLY.js";import"./chunk-JKDKI5II.js";import"./chunk-A5BWVEMU.js";import"./chunk-2HAQMQKE.js";import"./chunk-CRRMDEWY.js";import"./chunk-IRMA2UAH.js";import"./chunk-FM5SCWWH.js";import"./chunk-W45WDLHL.js";import"./chunk-GGZBTO37.js";import"./chunk-AK2R45Y3.js";import{c as d,d as g}from"./chunk-GWZ3R5NY.js";import{a as o}from"./chunk-KI7I7O32.js";import{resolve as k}from"node:path";var x={...Object.fromEntries(p.map(e=>[e.name,{type:e.type}])),"approval-bundle":{type:"string"}},c=31,$=o((e,n)=>e.length<=c-2?`${e.padEnd(c)}${n}`:`${e}
${" ".repeat(c)}${n}`,"line"),U=["Release approval (docs/release-approval.md): the provenance says what built the artifact, an approval signed from a","protected environment says the maintainers released it. Without --approval-bundle, approval.sigstore.json is","looked up beside the provenance bundle and in --bundle-dir:",...p.map(e=>$(`  --${e.name}${e.argument?` ${e.argument}`:""}`,e.help)),$("  --approval-bundle FILE","the approval signature for every artifact")].join(`
`);function _(e,n){let t=R({string:o(a=>typeof e[a]=="string"?e[a]:void 0,"string"),boolean:o(a=>e[a]===!0,"boolean")}),r=typeof e["approval-bundle"]=="string"?e["approval-bundle"]:void 0;if(Object.keys(t).length===0&&r===void 0)return{};let i=w(t,n);return r!==void 0&&!i.approval&&i.warnings.push("--approval-bundle is read only with --require-approval."),{release:i,...r!==void 0?{approvalBundle:r}:{}}}o(_,"releaseFrom");var N=`Usage: provenant verify ARTIFACT... [options]

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
${E.map(C).join(`
`)}

${U}

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
                               Example: --jq '.artifacts[] | select(.verified == false) | .artifact'`,q={bundle:{type:"string"},"bundle-dir":{type:"string"},"digest-alg":{type:"string"},...P,...L,...x};async function D(e,n){let{values:t,positionals:r}=T("verify",e,{...j,...q}),i=F(t);if(t.bundle!==void 0&&t["bundle-dir"]!==void 0)throw d("USAGE","expected at most one of --bundle and --bundle-dir, got both.");let a=A(t["digest-alg"]),s=S(t),f=_(t,s);if(r.length===0)throw d("USAGE",`expected at least one ARTIFACT or sha256:HEX, got none. ${N.split(`
`)[0]}`);for(let l of[...s.warnings??[],...f.release?.warnings??[]])n.stderr(`provenant verify: warning: ${u(l)}
`);let G=await y(O(t),l=>k(n.cwd,l)),m=await v({artifacts:r,...t.bundle!==void 0?{bundle:t.bundle}:{},...t["bundle-dir"]!==void 0?{bundleDir:t["bundle-dir"]}:{},...a?{algorithm:a}:{},...f,policy:s},b(h(G),n.cwd));return n.stdout(I(m,i)),m.verified?0:1}o(D,"run");var te={name:"verify",summary:"verify artifacts against Sigstore bundles and a signer/source policy",usage:N,async run(e,n){try{return await D(e,n)}catch(t){if(!g(t))throw t;return n.stderr(`provenant verify: ${t.exitCode===2?"error":"not verified"} [${t.code}]: ${u(t.message)}
`),t.exitCode}}};export{te as command};
