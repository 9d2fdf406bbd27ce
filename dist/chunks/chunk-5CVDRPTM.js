#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as o}from"./chunk-KI7I7O32.js";function p(t,e=200){let r=t.slice(0,e).map(n=>`| ${l(n.name)} | \`${n.digest.sha256??d(n)}\` | ${n.size??""} |`),s=t.length>e?`

\u2026and ${t.length-e} more (see the statement file).`:"";return["| Subject | sha256 | Bytes |","| --- | --- | ---: |",...r].join(`
`)+s+`
`}o(p,"subjectsTable");function d(t){let[e,r]=Object.entries(t.digest)[0]??["",""];return`${e}:${r}`}o(d,"firstDigest");function l(t){return t.replace(/[\\`*_{}[\]<>()#+!|]/g,e=>`\\${e}`).replace(/\r\n|\r|\n/g," ")}o(l,"escapeCell");function f(t){let e=t.replace(/\r\n|\r|\n/g," "),r=Math.max(0,...(e.match(/`+/g)??[]).map(a=>a.length)),s="`".repeat(r+1),n=/^[` ]|[` ]$/.test(e)?" ":"";return`${s}${n}${e}${n}${s}`}o(f,"inlineCode");function m(t){return f(t).replace(/\|/g,"\\|")}o(m,"codeCell");function y(t){return["| Bundle | Subjects | Rekor entry | Signed at | On disk |","| --- | ---: | --- | --- | --- |",...t.map(r=>{let s=r.rekorLogIndex?r.rekorEntryUrl?`[${r.rekorLogIndex}](${r.rekorEntryUrl})`:r.rekorLogIndex:"\u2014",n=r.integratedTime??r.timestamp??"";return`| ${l(r.name)} | ${r.subjects} | ${s} | ${n} | ${m(r.path)} |`})].join(`
`)+`
`}o(y,"bundlesTable");function i(t){return/^[A-Za-z0-9_@%+=:,./-]+$/.test(t)?t:`'${t.replace(/'/g,"'\\''")}'`}o(i,"shellWord");function u(t){return t.replace(/[.*+?^${}()|[\]\\]/g,"\\$&")}o(u,"regexLiteral");function h(t){let e=i(t.artifact),r=i(t.bundle),s=t.signerWorkflow?` \\
  --signer-workflow ${i(t.signerWorkflow)}`:"",n=t.signerWorkflow?`^${u(`${t.serverUrl}/${t.signerWorkflow}`)}@`:`^${u(`${t.serverUrl}/${t.repository}`)}/`,a=i(t.repository),c=t.customInstance,g=c?.tufMirror,$=g?` \\
  --tuf-mirror ${i(g)} --tuf-root tuf-root.json`:c?` \\
  --trusted-root trusted_root.json`:"";return["```sh",...c?[g?"# tuf-root.json: the instance's initial TUF root; trusted_root.json: its trusted root (from its operators)":"# trusted_root.json: the trusted root of the Sigstore instance that signed (from its operators)"]:[],`${t.cli} verify ${e} --bundle ${r} --repo ${a}${s}${$}`,`gh attestation verify ${e} --bundle ${r} --repo ${a}${s}${c?` \\
  --custom-trusted-root trusted_root.json`:""}`,`cosign verify-blob-attestation --bundle ${r} --type slsaprovenance1 \\`,...c?["  --trusted-root trusted_root.json \\"]:[],"  --certificate-oidc-issuer https://token.actions.githubusercontent.com \\",`  --certificate-identity-regexp ${i(n)} ${e}`,"```",""].join(`
`)}o(h,"verifyCommands");export{p as a,l as b,f as c,y as d,h as e};
