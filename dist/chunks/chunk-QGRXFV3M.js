#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as s}from"./chunk-KI7I7O32.js";function $(e,t=200){let r=e.slice(0,t).map(n=>`| ${g(n.name)} | \`${n.digest.sha256??l(n)}\` | ${n.size??""} |`),i=e.length>t?`

\u2026and ${e.length-t} more (see the statement file).`:"";return["| Subject | sha256 | Bytes |","| --- | --- | ---: |",...r].join(`
`)+i+`
`}s($,"subjectsTable");function l(e){let[t,r]=Object.entries(e.digest)[0]??["",""];return`${t}:${r}`}s(l,"firstDigest");function g(e){return e.replace(/[\\`*_{}[\]<>()#+!|]/g,t=>`\\${t}`).replace(/\r\n|\r|\n/g," ")}s(g,"escapeCell");function u(e){let t=e.replace(/\r\n|\r|\n/g," "),r=Math.max(0,...(t.match(/`+/g)??[]).map(a=>a.length)),i="`".repeat(r+1),n=/^[` ]|[` ]$/.test(t)?" ":"";return`${i}${n}${t}${n}${i}`}s(u,"inlineCode");function f(e){return["| Bundle | Subjects | Rekor entry | Signed at | On disk |","| --- | ---: | --- | --- | --- |",...e.map(r=>{let i=r.rekorLogIndex?r.rekorEntryUrl?`[${r.rekorLogIndex}](${r.rekorEntryUrl})`:r.rekorLogIndex:"\u2014",n=r.integratedTime??r.timestamp??"";return`| ${g(r.name)} | ${r.subjects} | ${i} | ${n} | \`${g(r.path)}\` |`})].join(`
`)+`
`}s(f,"bundlesTable");function o(e){return/^[A-Za-z0-9_@%+=:,./-]+$/.test(e)?e:`'${e.replace(/'/g,"'\\''")}'`}s(o,"shellWord");function c(e){return e.replace(/[.*+?^${}()|[\]\\]/g,"\\$&")}s(c,"regexLiteral");function d(e){let t=o(e.artifact),r=o(e.bundle),i=e.signerWorkflow?` \\
  --signer-workflow ${o(e.signerWorkflow)}`:"",n=e.signerWorkflow?`^${c(`${e.serverUrl}/${e.signerWorkflow}`)}@`:`^${c(`${e.serverUrl}/${e.repository}`)}/`,a=o(e.repository);return["```sh",`${e.cli} verify ${t} --bundle ${r} --repo ${a}${i}`,`gh attestation verify ${t} --bundle ${r} --repo ${a}${i}`,`cosign verify-blob-attestation --bundle ${r} --type slsaprovenance1 \\`,"  --certificate-oidc-issuer https://token.actions.githubusercontent.com \\",`  --certificate-identity-regexp ${o(n)} ${t}`,"```",""].join(`
`)}s(d,"verifyCommands");export{$ as a,g as b,u as c,f as d,d as e};
