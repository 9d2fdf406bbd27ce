#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as v,b as I,c as E}from"./chunk-IVIXZHGW.js";import{a as j}from"./chunk-ZEL5PRHP.js";import{d as U,e as b,h as L}from"./chunk-TZLU2XMM.js";import{g as w}from"./chunk-XW4DYJU5.js";import{d as S}from"./chunk-45MXMHJR.js";import{a as h,c as A}from"./chunk-VXSI7TCF.js";import"./chunk-DC5GYI6M.js";import"./chunk-DIGMCHBZ.js";import"./chunk-WZUDLGON.js";import"./chunk-LJQZLVBC.js";import{a as d}from"./chunk-UUHQ5EZQ.js";import"./chunk-3CTUHMH2.js";import{c as O}from"./chunk-MO6UPACH.js";import"./chunk-AX7NTIJZ.js";import"./chunk-QQFC5LBJ.js";import"./chunk-47YAPV5S.js";import"./chunk-TQ7WWKOF.js";import{a as f}from"./chunk-ESRNSCEY.js";import"./chunk-7DANAGEH.js";import"./chunk-5CVDRPTM.js";import"./chunk-E3UPE373.js";import"./chunk-AIQUGS5M.js";import"./chunk-K7USK4IP.js";import"./chunk-6J72U2SL.js";import"./chunk-OGKAF2XS.js";import"./chunk-IRMA2UAH.js";import"./chunk-IQWNFCJT.js";import"./chunk-4B5JODGF.js";import"./chunk-GJPX23F7.js";import"./chunk-GGZBTO37.js";import"./chunk-OEVUFJ2C.js";import"./chunk-REDZXMKD.js";import"./chunk-CRRMDEWY.js";import"./chunk-W45WDLHL.js";import{c as y,e as p}from"./chunk-X2VZSDU6.js";import{a as c}from"./chunk-KI7I7O32.js";import{readFile as Y}from"node:fs/promises";import o from"node:path";var C=`Usage: provenant sign-layout LAYOUT [signing options] [--output-dir DIR]

Checks LAYOUT (as \`provenant layout check\` does, refusing an invalid one) and signs the file's bytes, writing
the bundle to DIR/<LAYOUT's name>.sigstore.json (default: beside LAYOUT). Verifiers name who may have signed it:
\`provenant verify --layout LAYOUT --layout-cert-identity SAN --layout-cert-oidc-issuer URL\` (or --layout-key).

${b}
${I}
Output:
  --output-dir DIR             where the bundle goes (default: LAYOUT's directory)
  --format text|json           json prints the result as JSON on stdout (--json is the same)
  --quiet                      no progress on stderr`,_={...U,...v,"output-dir":{type:"string"},json:{type:"boolean"},format:{type:"string"},quiet:{type:"boolean"}};async function x(G,t){let{values:e,positionals:s}=h("sign-layout",G,_);if(s.length!==1)throw y("USAGE",`sign-layout: expected exactly one LAYOUT file, got ${s.length}.`);let a=s[0],N=A(e),n=S(t,e.quiet===!0),u=o.resolve(t.cwd,a),i;try{i=await Y(u)}catch(g){throw y("FILE_NOT_FOUND",`sign-layout: expected a readable layout file, got ${p(a)} (${g.code??""}).`)}let T=w(i.toString("utf8"),a);for(let g of j(T,new Date))n.warn(d(g));let $=await E(e,t,n)??O(await L(e,t,n),t.env.GITHUB_SERVER_URL??"https://github.com"),{session:l}=await $.open(),r=await l.signMessage(new Uint8Array(i)),k=o.join(o.resolve(t.cwd,e["output-dir"]??o.dirname(u)),`${o.basename(u)}.sigstore.json`),m=await f(k,r.bundleJson);return n.info(`Layout signature written to ${m}`),l.verifyAfterSign&&await l.verifyAfterSign(r.bundle,new Uint8Array(i)),t.stdout(N?`${JSON.stringify({bundlePath:m,...r.facts},null,2)}
`:`${m}
  signed by: ${r.facts.certificateIdentity}
`),0}c(x,"run");var Q={name:"sign-layout",summary:"check and sign a pipeline layout (keyless, or with --key)",usage:C,run:x};export{Q as command};
