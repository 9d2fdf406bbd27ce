#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as E}from"./chunk-7GI66L22.js";import{a as k,b as C,c as F,i as j}from"./chunk-TZLU2XMM.js";import{d as N,e as $,f as O,i as _,j as x}from"./chunk-RWQWCBXZ.js";import{d as G}from"./chunk-45MXMHJR.js";import{a as L,c as T}from"./chunk-VXSI7TCF.js";import{a as w}from"./chunk-DC5GYI6M.js";import"./chunk-DIGMCHBZ.js";import"./chunk-WZUDLGON.js";import"./chunk-LJQZLVBC.js";import"./chunk-EZSY4YK5.js";import"./chunk-OR4OSFOB.js";import"./chunk-UUHQ5EZQ.js";import"./chunk-DAUQA3YA.js";import"./chunk-OZ4A7DYP.js";import{a as R}from"./chunk-XPSVCW35.js";import"./chunk-2QHVR476.js";import{a as I,b as S}from"./chunk-OTIDUAI2.js";import"./chunk-O47YCBVA.js";import"./chunk-A4IKRYO7.js";import"./chunk-3CTUHMH2.js";import"./chunk-TQ7WWKOF.js";import{a as v}from"./chunk-ESRNSCEY.js";import"./chunk-7DANAGEH.js";import"./chunk-5CVDRPTM.js";import"./chunk-N6G2H3JH.js";import"./chunk-E3UPE373.js";import"./chunk-AIQUGS5M.js";import"./chunk-667VXOXV.js";import"./chunk-K7USK4IP.js";import"./chunk-6J72U2SL.js";import"./chunk-OGKAF2XS.js";import"./chunk-IRMA2UAH.js";import"./chunk-IQWNFCJT.js";import"./chunk-SBBRN7NM.js";import"./chunk-5MMBHZCU.js";import{h as b,i as A}from"./chunk-4B5JODGF.js";import"./chunk-GJPX23F7.js";import"./chunk-GGZBTO37.js";import{c as h}from"./chunk-OEVUFJ2C.js";import"./chunk-REDZXMKD.js";import"./chunk-CRRMDEWY.js";import"./chunk-FM5SCWWH.js";import"./chunk-W45WDLHL.js";import{c as p}from"./chunk-X2VZSDU6.js";import{a as r}from"./chunk-KI7I7O32.js";import l from"node:path";var U=`Usage: provenant approve ARTIFACT... --bundle PROVENANCE.sigstore.json --tag TAG [policy] [signing] --output-dir DIR

Authorizes a release: verifies each artifact's provenance against the builder's policy (the same flags and checks
as provenant verify), then signs an approval over the same artifacts (SLSA Verification Summary Attestation v1)
naming the tag, the commit and the digests of the provenance bundles it verified, and writes approval.sigstore.json
to --output-dir. Run it in a job of a protected environment (its certificate then names the environment); it
refuses to sign when its identity is the builder's. See docs/release-approval.md.

Release:
  --tag TAG                    the release tag (the provenance must be built from refs/tags/TAG unless
                               --source-ref says otherwise)
  --bundle FILE                the provenance bundle for all artifacts (or --bundle-dir DIR, as for verify)
  --bundle-dir DIR
  --policy-file FILE           the release policy document the approval pins (default: RELEASE.md, if present)

Builder policy (as provenant verify; at least one identity constraint):
${R.map(x).join(`
`)}

Trust for the provenance: --trusted-root FILE, or --instance NAME with --tuf-cache-dir / --tuf-root, as verify.

Signing (as provenant sign):
  --identity-token TOKEN       the OIDC token (default: $SIGSTORE_ID_TOKEN, else the GitHub Actions endpoint)
  --sigstore NAME              public-good, github, staging or custom
  --fulcio-url URL --rekor-url URL --tsa-url URL --trusted-root FILE
${C}
  --allow-public-log           let a private repository sign into a public log
  --no-verify-after-sign       skip verifying the fresh bundle (not recommended)
Output:
  --output-dir DIR             where approval.sigstore.json goes (default: provenant-out)
  --format text|json           json prints the result as JSON on stdout (--json is the same)
  --quiet                      no progress on stderr`,J={...$,...N,...k,bundle:{type:"string"},"bundle-dir":{type:"string"},tag:{type:"string"},"policy-file":{type:"string"},"identity-token":{type:"string"},sigstore:{type:"string"},"fulcio-url":{type:"string"},"rekor-url":{type:"string"},"tsa-url":{type:"string"},"allow-public-log":{type:"boolean"},"no-verify-after-sign":{type:"boolean"},"output-dir":{type:"string"},json:{type:"boolean"},format:{type:"string"},quiet:{type:"boolean"}},n=r((o,t)=>typeof o[t]=="string"?o[t]:void 0,"str");async function K(o,t){let e=n(o,"policy-file"),s=l.resolve(t,e??"RELEASE.md");if(!e&&await I(s)!=="file")return;let a=l.relative(t,s).split(l.sep).join("/");if(a.startsWith("../")||l.isAbsolute(a))throw p("USAGE",`--policy-file: expected a file of the repository (below the working directory), got ${e}.`);return{path:s,name:a}}r(K,"policyFile");function M(o){let t=n(o,"tag");if(!t)throw p("USAGE","expected --tag TAG (the release tag the approval names), got none.");if(o.bundle!==void 0&&o["bundle-dir"]!==void 0)throw p("USAGE","expected at most one of --bundle and --bundle-dir, got both.");return t}r(M,"requireTag");async function z(o,t){let{values:e,positionals:s}=L("approve",o,J),a=M(e),V=T(e);if(s.length===0)throw p("USAGE",`expected at least one ARTIFACT, got none. ${U.split(`
`)[0]}`);let f=O({"source-ref":`refs/tags/${a}`,...e}),u=G(t,e.quiet===!0);for(let i of f.warnings??[])u.warn(i);let d=await F(e,t,u),c=r(i=>l.resolve(t.cwd,i),"resolve"),g=_(e),P=await A(g.trustedRoot===void 0&&d?.trustedRoot?{...g,trustedRoot:d.trustedRoot}:g,c),m=n(e,"trusted-root"),q=w({...d??j(e,t.env,m?c(m):void 0),...n(e,"identity-token")?{identityToken:n(e,"identity-token")}:{},allowPublicLog:e["allow-public-log"]===!0,verifyAfterSign:e["no-verify-after-sign"]!==!0,env:t.env,labels:h,...t.workflowCommand?{maskSecret:r(i=>t.workflowCommand(`::add-mask::${i}`),"maskSecret")}:{}},u),y=await E({provenance:{artifacts:s,...n(e,"bundle")?{bundle:n(e,"bundle")}:{},...n(e,"bundle-dir")?{bundleDir:n(e,"bundle-dir")}:{},policy:f},tag:a,outputDir:c(n(e,"output-dir")??"provenant-out"),...await K(e,t.cwd).then(i=>i?{policyFile:i}:{})},{verify:S(b(P),t.cwd),signing:q,writeFile:v,now:r(()=>new Date,"now"),log:u});return t.stdout(V?`${JSON.stringify(D(y),null,2)}
`:B(y)),0}r(z,"run");function D(o){let{release:t}=o.statement.predicate;return{path:o.path,...t,subjects:o.statement.subject,...o.facts}}r(D,"approvedJson");function B(o){let t=D(o);return`${t.path}
  approved: ${t.repository} ${t.tag} at ${t.commit} (${t.subjects.length} artifact(s))
  certificate identity: ${t.certificateIdentity}
`+(t.rekorLogIndex?`  rekor log index: ${t.rekorLogIndex}
`:"")+(t.integratedTime?`  logged at: ${t.integratedTime}
`:"")+(t.timestamp?`  timestamp: ${t.timestamp}
`:"")}r(B,"approvedText");var lt={name:"approve",summary:"authorize a release: verify its provenance, then sign an approval (VSA) from the release's protected environment",usage:U,run:z};export{lt as command};
