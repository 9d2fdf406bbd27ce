#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as i}from"./chunk-KI7I7O32.js";function f(e,t=200){let r=e.slice(0,t).map(n=>`| ${a(n.name)} | \`${n.digest.sha256??l(n)}\` | ${n.size??""} |`),s=e.length>t?`

\u2026and ${e.length-t} more (see the statement file).`:"";return["| Subject | sha256 | Bytes |","| --- | --- | ---: |",...r].join(`
`)+s+`
`}i(f,"subjectsTable");function l(e){let[t,r]=Object.entries(e.digest)[0]??["",""];return`${t}:${r}`}i(l,"firstDigest");function a(e){return e.replace(/[\\`*_{}[\]<>()#+!|]/g,t=>`\\${t}`).replace(/\r\n|\r|\n/g," ")}i(a,"escapeCell");function $(e){let t=e.replace(/\r\n|\r|\n/g," "),r=Math.max(0,...(t.match(/`+/g)??[]).map(g=>g.length)),s="`".repeat(r+1),n=/^[` ]|[` ]$/.test(t)?" ":"";return`${s}${n}${t}${n}${s}`}i($,"inlineCode");function u(e){return $(e).replace(/\|/g,"\\|")}i(u,"codeCell");function d(e){return["| Bundle | Subjects | Rekor entry | Signed at | On disk |","| --- | ---: | --- | --- | --- |",...e.map(r=>{let s=r.rekorLogIndex?r.rekorEntryUrl?`[${r.rekorLogIndex}](${r.rekorEntryUrl})`:r.rekorLogIndex:"\u2014",n=r.integratedTime??r.timestamp??"";return`| ${a(r.name)} | ${r.subjects} | ${s} | ${n} | ${u(r.path)} |`})].join(`
`)+`
`}i(d,"bundlesTable");function o(e){return/^[A-Za-z0-9_@%+=:,./-]+$/.test(e)?e:`'${e.replace(/'/g,"'\\''")}'`}i(o,"shellWord");function c(e){return e.replace(/[.*+?^${}()|[\]\\]/g,"\\$&")}i(c,"regexLiteral");function m(e){let t=o(e.artifact),r=o(e.bundle),s=e.signerWorkflow?` \\
  --signer-workflow ${o(e.signerWorkflow)}`:"",n=e.signerWorkflow?`^${c(`${e.serverUrl}/${e.signerWorkflow}`)}@`:`^${c(`${e.serverUrl}/${e.repository}`)}/`,g=o(e.repository);return["```sh",`${e.cli} verify ${t} --bundle ${r} --repo ${g}${s}`,`gh attestation verify ${t} --bundle ${r} --repo ${g}${s}`,`cosign verify-blob-attestation --bundle ${r} --type slsaprovenance1 \\`,"  --certificate-oidc-issuer https://token.actions.githubusercontent.com \\",`  --certificate-identity-regexp ${o(n)} ${t}`,"```",""].join(`
`)}i(m,"verifyCommands");export{f as a,a as b,$ as c,d,m as e};
