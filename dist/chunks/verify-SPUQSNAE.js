#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as R,b as v}from"./chunk-GEQR7OVT.js";import{a as g,b as p,c as y,d as m,e as h,f as b}from"./chunk-YC6FICDE.js";import{j as w}from"./chunk-YP3AHJKM.js";import{l}from"./chunk-KA37MIAM.js";import"./chunk-KQNWLFEE.js";import"./chunk-XMDEZQKU.js";import"./chunk-WWPY7INJ.js";import"./chunk-SQ6AH5LE.js";import"./chunk-72PB7QRV.js";import{b as i,c}from"./chunk-FY7JOBGF.js";import{a as o}from"./chunk-KI7I7O32.js";import{resolve as T}from"node:path";var E=`Usage: provenant verify ARTIFACT|sha256:HEX... [options]

Verifies each artifact against a Sigstore bundle and a policy. Exit 0: all verified; 1: any failed; 2: usage.

Bundles (default: <artifact>.sigstore.json beside each artifact):
  --bundle FILE                one bundle (or .jsonl, one bundle per line) for all artifacts
  --bundle-dir DIR             <artifact name>.sigstore.json in DIR, else any bundle in DIR naming the artifact

Policy (at least one identity constraint; --owner or --repo suffice):
  --owner OWNER                source repository owner; also the signer's owner unless a signer flag is given
  --repo OWNER/REPO            source repository; also the signer's repository unless a signer flag is given
  --signer-workflow OWNER/REPO/PATH[@REF]
                               the workflow that signed (a reusable workflow, or your release workflow)
  --signer-repo OWNER/REPO     the repository whose workflow signed
  --signer-digest SHA          commit of the signing workflow (pins a reusable workflow)
  --cert-identity URI          exact certificate identity (SAN)
  --cert-identity-regex RE     certificate identity pattern, always anchored (^\u2026$)
  --cert-oidc-issuer URL       default https://token.actions.githubusercontent.com
  --source-ref REF             e.g. refs/tags/v1.2.3
  --source-digest SHA          the commit that was built
  --predicate-type URI         default https://slsa.dev/provenance/v1
  --deny-self-hosted-runners   fail unless the build ran on a GitHub-hosted runner
  --hostname HOST              GitHub host for OWNER/REPO (default github.com)

Trust:
  --trusted-root FILE          a trusted_root.json (offline); else TUF for --instance
  --instance NAME              public-good (default), staging or github
  --tuf-cache-dir DIR          TUF metadata cache (default ~/.cache/provenant/tuf)
  --tuf-root FILE              initial TUF root.json for instances not embedded in sigstore-js

Output:
  --format text|json           default text`,C={bundle:{type:"string"},"bundle-dir":{type:"string"},owner:{type:"string"},repo:{type:"string"},"signer-workflow":{type:"string"},"signer-repo":{type:"string"},"signer-digest":{type:"string"},"cert-identity":{type:"string"},"cert-identity-regex":{type:"string"},"cert-oidc-issuer":{type:"string"},"source-ref":{type:"string"},"source-digest":{type:"string"},"predicate-type":{type:"string"},"deny-self-hosted-runners":{type:"boolean"},hostname:{type:"string"},"trusted-root":{type:"string"},instance:{type:"string"},"tuf-cache-dir":{type:"string"},"tuf-root":{type:"string"},format:{type:"string"}};function S(r,t){return v(r[t])[0]}o(S,"single");async function k(r,t){let{values:e,positionals:u}=R("verify",r,C),n=e.format??"text";if(n!=="text"&&n!=="json")throw i("USAGE",`--format: expected text or json, got ${JSON.stringify(n)}.`);if(e.bundle!==void 0&&e["bundle-dir"]!==void 0)throw i("USAGE","expected at most one of --bundle and --bundle-dir, got both.");let s={denySelfHostedRunners:e["deny-self-hosted-runners"]===!0};for(let[d,P]of p){let f=S(e,P);f!==void 0&&(s[d]=f)}e.hostname&&(s.server=`https://${e.hostname}`);let O=y(s);if(u.length===0)throw i("USAGE",`expected at least one ARTIFACT or sha256:HEX, got none. ${E.split(`
`)[0]}`);let x=o(d=>T(t.cwd,d),"here"),I={...e["trusted-root"]!==void 0?{trustedRoot:e["trusted-root"]}:{},...e.instance!==void 0?{instance:e.instance}:{},...e["tuf-cache-dir"]!==void 0?{tufCacheDir:e["tuf-cache-dir"]}:{},...e["tuf-root"]!==void 0?{tufRoot:e["tuf-root"]}:{}},A=await w(I,x),a=await g({artifacts:u,...e.bundle!==void 0?{bundle:e.bundle}:{},...e["bundle-dir"]!==void 0?{bundleDir:e["bundle-dir"]}:{},policy:O},m(l(A),t.cwd));return t.stdout(n==="json"?b(a):h(a)),a.verified?0:1}o(k,"run");var W={name:"verify",summary:"verify artifacts against Sigstore bundles and a signer/source policy",usage:E,async run(r,t){try{return await k(r,t)}catch(e){if(!c(e))throw e;return t.stderr(`provenant verify: ${e.exitCode===2?"error":"not verified"} [${e.code}]: ${e.message}
`),e.exitCode}}};export{W as command,C as verifyFlags};
