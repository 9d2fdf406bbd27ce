#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as i}from"./chunk-KI7I7O32.js";function g(e,r=200){let t=e.slice(0,r).map(n=>`| ${s(n.name)} | \`${n.digest.sha256??c(n)}\` | ${n.size??""} |`),o=e.length>r?`

\u2026and ${e.length-r} more (see the statement file).`:"";return["| Subject | sha256 | Bytes |","| --- | --- | ---: |",...t].join(`
`)+o+`
`}i(g,"subjectsTable");function c(e){let[r,t]=Object.entries(e.digest)[0]??["",""];return`${r}:${t}`}i(c,"firstDigest");function s(e){return e.replace(/[\\`*_{}[\]<>()#+!|]/g,r=>`\\${r}`).replace(/\r\n|\r|\n/g," ")}i(s,"escapeCell");function l(e){let r=e.replace(/\r\n|\r|\n/g," "),t=Math.max(0,...(r.match(/`+/g)??[]).map(a=>a.length)),o="`".repeat(t+1),n=/^[` ]|[` ]$/.test(r)?" ":"";return`${o}${n}${r}${n}${o}`}i(l,"inlineCode");function u(e){return["| Bundle | Subjects | Rekor entry | Signed at | On disk |","| --- | ---: | --- | --- | --- |",...e.map(t=>{let o=t.rekorLogIndex?t.rekorEntryUrl?`[${t.rekorLogIndex}](${t.rekorEntryUrl})`:t.rekorLogIndex:"\u2014",n=t.integratedTime??t.timestamp??"";return`| ${s(t.name)} | ${t.subjects} | ${o} | ${n} | \`${s(t.path)}\` |`})].join(`
`)+`
`}i(u,"bundlesTable");function $(e){let r=e.signerWorkflow?` \\
  --signer-workflow ${e.signerWorkflow}`:"";return["```sh",`npx provenant verify ${e.artifact} --bundle ${e.bundle} --repo ${e.repository}${r}`,`gh attestation verify ${e.artifact} --bundle ${e.bundle} --repo ${e.repository}`,`cosign verify-blob-attestation --bundle ${e.bundle} --new-bundle-format --type slsaprovenance1 \\`,"  --certificate-oidc-issuer https://token.actions.githubusercontent.com \\",`  --certificate-identity-regexp '^https://github.com/${e.repository}/' ${e.artifact}`,"```",""].join(`
`)}i($,"verifyCommands");export{g as a,s as b,l as c,u as d,$ as e};
