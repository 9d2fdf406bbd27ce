#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as D}from"./chunk-SSGDSHTD.js";import{b as F,c as v}from"./chunk-GBAHLCWC.js";import{a as p,c as A,d as j,e as H,f as E,g as y,h as $}from"./chunk-ON2IANYX.js";import{c as x}from"./chunk-IRMA2UAH.js";import{a as m,c as w}from"./chunk-YTI4ORW6.js";import{a as c,b as f,d as u}from"./chunk-FY7JOBGF.js";import{a}from"./chunk-KI7I7O32.js";import{readFile as R}from"node:fs/promises";async function se(s){if(s)try{let e=JSON.parse(await R(s,"utf8"));return e!==null&&typeof e=="object"?e:void 0}catch{return}}a(se,"readEventPayload");var P=`'use strict';
const { parentPort } = require('node:worker_threads');
const { createHash, hash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
parentPort.once('message', run);
function run({ algorithms, chunkSize, reportEvery, batchFiles, batchBytes, paths, order, next }) {
const buffer = Buffer.allocUnsafeSlow(chunkSize);
function hashOne(id) {
  const fd = openSync(paths[id], 'r');
  try {
    // A file that ends before the buffer is full is hashed in one call per algorithm, with no hash object.
    let filled = 0;
    while (filled < chunkSize) {
      const n = readSync(fd, buffer, filled, chunkSize - filled, null);
      if (n === 0) {
        const data = buffer.subarray(0, filled);
        return [id, filled, ...algorithms.map((a) => hash(a, data, 'hex'))];
      }
      filled += n;
    }
    const hashes = algorithms.map((a) => createHash(a).update(buffer));
    let size = filled;
    let reported = 0;
    for (;;) {
      const n = readSync(fd, buffer, 0, chunkSize, null);
      if (n === 0) break;
      const chunk = n === chunkSize ? buffer : buffer.subarray(0, n);
      for (const h of hashes) h.update(chunk);
      size += n;
      if (size - reported >= reportEvery) {
        parentPort.postMessage({ partial: [id, size] });
        reported = size;
      }
    }
    return [id, size, ...hashes.map((h) => h.digest('hex'))];
  } finally {
    closeSync(fd);
  }
}
let results = [];
let bytes = 0;
for (;;) {
  const k = Atomics.add(next, 0, 1);
  if (k >= order.length) break;
  const id = order[k];
  let r;
  try {
    r = hashOne(id);
  } catch (e) {
    results.push([id, -1, String((e && e.code) || ''), String((e && e.message) || e)]);
    break;
  }
  results.push(r);
  bytes += r[1];
  if (results.length >= batchFiles || bytes >= batchBytes) {
    parentPort.postMessage({ results });
    results = [];
    bytes = 0;
  }
}
if (results.length > 0) parentPort.postMessage({ results });
// Once the job's listener is gone nothing keeps the thread alive: it ends when this returns.
}
`;var{availableParallelism:W}=x,k=class{static{a(this,"WarmWorkers")}idle=[];constructor(e){for(let t=0;t<e;t++){let r;try{r=B()}catch{break}r.unref(),r.on("error",()=>this.drop(r)),r.on("exit",()=>this.drop(r)),this.idle.push(r)}}take(){let e=this.idle.pop();return e?.removeAllListeners("error").removeAllListeners("exit"),e}dispose(){for(let e of this.idle.splice(0))e.terminate()}drop(e){let t=this.idle.indexOf(e);t>=0&&this.idle.splice(t,1)}};function _(s=W()){return new k(Math.max(0,Math.min(s-1,z)))}a(_,"startHashWorkers");var C=6e3,U=48*1024*1024,z=8,G=p,K=8*1024*1024,T=64,I=4*1024*1024;function Y(s,e,t=W()){if(e!==void 0)return{workers:Math.max(0,Math.min(e,s.length)),mainThread:!0};let r=s.some(o=>o.size===void 0),n=L(s);return{workers:s.length>=2&&(r||s.length/C+n/U>=1)?Math.max(0,Math.min(t-1,z,s.length-1)):0,mainThread:!0}}a(Y,"planHashing");async function M(s,e={}){return V(s,e,Y(s,e.workers))}a(M,"hashFiles");function V(s,e,t){return new Promise((r,n)=>new S(s,e,t,r,n).start()).finally(()=>e.warm?.dispose())}a(V,"runHashing");var S=class{static{a(this,"HashJob")}algorithms;out;progress;order;next=new Int32Array(new SharedArrayBuffer(4));partial=new Map;settled=!1;workers=[];running=0;files;options;plan;resolve;reject;constructor(e,t,r,n,i){this.files=e,this.options=t,this.plan=r,this.resolve=n,this.reject=i,this.algorithms=t.algorithms??["sha256"],this.out=new Array(e.length),this.progress={filesDone:0,filesTotal:e.length,bytesDone:0,bytesTotal:e.some(o=>o.size===void 0)?void 0:L(e)},this.order=X(e)}start(){if(this.files.length===0)return this.settle();for(let e=0;e<this.plan.workers;e++)this.startWorker();(this.plan.mainThread||this.plan.workers===0)&&(this.running++,this.mainLoop().finally(()=>this.stopped()))}stopped(){--this.running>0||this.settled||setImmediate(()=>{if(this.settled)return;let e=this.files.findIndex((t,r)=>this.out[r]===void 0);this.fail(new c("INTERNAL",`hashing stopped with ${u(this.files[e]?.path??"?")} not hashed; please report this.`))})}async mainLoop(){for(;!this.settled;){let e=this.take();if(e===void 0)return;try{let t=0,r=0;for(let n=e;n!==void 0;n=this.takeSmall()){let i=A(this.files[n].path,this.algorithms,o=>this.addBytes(o));if(i instanceof Promise){let o=await i;this.finish(n,o.digest,o.size,o.size);break}if(this.finish(n,i.digest,i.size,0),this.settled||++t>=T||(r+=i.size)>=I)break}await new Promise(n=>setImmediate(n))}catch(t){return this.fail(t)}}}startWorker(){let e={algorithms:[...this.algorithms],chunkSize:p,reportEvery:16*p,batchFiles:T,batchBytes:I,paths:this.files.map(r=>r.path),order:this.order,next:this.next},t=this.options.warm?.take()??B();t.ref(),t.postMessage(e),this.workers.push(t),this.running++,t.on("message",r=>{if(!this.settled)try{if(r.partial){let[n,i]=r.partial;this.addBytes(i-(this.partial.get(n)??0)),this.partial.set(n,i);return}for(let n of r.results){let i=n[0];if(n[1]===-1){let h=Object.assign(new Error(n[3]),{code:n[2]||void 0});return this.fail(j(this.files[i].path,h))}let o={};this.algorithms.forEach((h,d)=>o[h]=n[2+d]);let l=this.partial.get(i)??0;this.partial.delete(i),this.finish(i,o,n[1],l)}}catch(n){this.fail(n)}}),t.on("error",r=>{let n=r instanceof Error?r.message:String(r);this.fail(new c("INTERNAL",`hashing worker failed: ${n}`,{cause:r}))}),t.on("exit",r=>{r!==0&&!this.settled&&this.fail(new c("INTERNAL",`hashing worker exited early (code ${r})`)),this.stopped()})}take(){let e=Atomics.add(this.next,0,1);return e<this.order.length?this.order[e]:void 0}takeSmall(){for(;;){let e=Atomics.load(this.next,0);if(e>=this.order.length||(this.files[this.order[e]].size??0)>G)return;if(Atomics.compareExchange(this.next,0,e,e+1)===e)return this.order[e]}}addBytes(e){this.settled||e===0||(this.progress.bytesDone+=e,this.options.onProgress?.(this.progress))}finish(e,t,r,n){if(this.settled)return;let i=this.files[e];this.out[e]={name:i.name,digest:t,size:r},this.progress.bytesDone+=r-n,this.progress.filesDone++,this.progress.filesDone===this.files.length&&(this.progress.bytesTotal=this.progress.bytesDone),this.options.onProgress?.(this.progress),this.progress.filesDone===this.files.length&&this.settle()}fail(e){if(!this.settled){this.settled=!0,Atomics.store(this.next,0,this.order.length);for(let t of this.workers)t.terminate();this.reject(e)}}settle(){this.settled=!0;for(let e of this.workers)e.unref();this.resolve(this.out)}};function X(s){let e=[],t=[];return s.forEach((r,n)=>((r.size??0)>=K?e:t).push(n)),e.sort((r,n)=>s[n].size-s[r].size||r-n),Int32Array.from(e.concat(t))}a(X,"hashingOrder");function L(s){let e=0;for(let t of s)e+=t.size??0;return e}a(L,"knownBytes");function B(){let{Worker:s}=process.getBuiltinModule("node:worker_threads");return new s(P,{eval:!0})}a(B,"startWorkerThread");function Z(){let s;return{async collectFiles(e,t){s?.dispose(),s=F(e,t.baseDir)?_():void 0;try{return await v(e,t)}catch(r){throw s?.dispose(),s=void 0,r}},hashFiles(e,t){let r=s;return s=void 0,M(e,{...t,warm:r})},readTextFile:a((e,t)=>D(e,t,"subject-checksums"),"readTextFile")}}a(Z,"createNodeFileSystem");var ge=Z();function O(s,e){let t=[];return s.split(`
`).forEach((n,i)=>{let o=n.endsWith("\r")?n.slice(0,-1):n;if(o.trim()===""||o.startsWith("#"))return;let l=`${e}:${i+1}`,h=J(o,l)??Q(o,l);t.push({name:m(h.name,l),digest:{[h.algorithm]:h.hex}})}),t}a(O,"parseChecksums");function J(s,e){let t=/^(\\?)(SHA256|SHA384|SHA512|[A-Za-z0-9-]+) \((.*)\) = ([0-9A-Za-z]+)$/s.exec(s);if(!t)return;let r=E(t[2],e),n=t[1]?N(t[3],e):t[3];return{algorithm:r,hex:y(r,t[4],e),name:n}}a(J,"parseTagLine");function Q(s,e){let t=s.startsWith("\\"),r=t?s.slice(1):s,n=/^([0-9A-Fa-f]+) ([ *])(.+)$/s.exec(r);if(!n)throw f("CHECKSUM_LINE_INVALID",`${e}: expected "<hex digest>  <file name>" as sha256sum prints it, got ${u(s)}. Regenerate the file with \`sha256sum FILES > SHA256SUMS\` or fix this line.`);let i=n[1],o=q(i.length,e,s);return{algorithm:o,hex:y(o,i,e),name:t?N(n[3],e):n[3]}}a(Q,"parseGnuLine");function q(s,e,t){for(let[r,n]of Object.entries(H))if(n===s)return r;throw f("DIGEST_INVALID",`${e}: expected a sha256, sha384 or sha512 digest (64, 96 or 128 hexadecimal characters), got ${s} characters in ${u(t)}. Use sha256sum, sha384sum or sha512sum to make the file.`)}a(q,"algorithmForLength");function N(s,e){return s.replace(/\\(.)/g,(t,r)=>{if(r==="\\")return"\\";if(r==="n")return`
`;if(r==="r")return"\r";throw f("CHECKSUM_LINE_INVALID",`${e}: expected the escapes \\\\, \\n or \\r in an escaped name, got "\\${r}".`)})}a(N,"unescapeName");function xe(s,e="sha256"){return s.filter(t=>t.digest[e]!==void 0).map(t=>{let r=/[\\\n\r]/.test(t.name),n=r?t.name.replace(/\\/g,"\\\\").replace(/\n/g,"\\n").replace(/\r/g,"\\r"):t.name;return`${r?"\\":""}${t.digest[e]}  ${n}
`}).join("")}a(xe,"formatChecksums");var ee=64*1024*1024;async function Ee(s,e,t){let r={patterns:"subject-path",checksumFiles:"subject-checksums",digests:"subject-digest",...s.inputNames},n=[];if(s.patterns.length>0){let o=await e.collectFiles(s.patterns,{baseDir:s.baseDir,allowOutsideBase:s.allowOutsideBase,ifNoFilesFound:s.ifNoFilesFound,warn:a(h=>t.warn(h),"warn"),inputName:r.patterns});t.info(`Hashing ${o.length} file${o.length===1?"":"s"} under ${s.baseDir}`);let l=await e.hashFiles(o,{algorithms:s.algorithms,onProgress:te(t)});n.push({origin:r.patterns,subjects:l})}for(let o of s.checksumFiles){let l=await e.readTextFile(o,ee),h=O(l,`${r.checksumFiles} ${o}`);t.info(`Read ${h.length} subject${h.length===1?"":"s"} from ${o}`),n.push({origin:o,subjects:h})}let i=[];for(let{name:o,digest:l}of s.digests){let h=`${r.digests} ${u(o)}`,{algorithm:d,hex:b}=$(l,h);i.push({name:m(o,h),digest:{[d]:b}})}return n.push({origin:r.digests,subjects:i}),w(n)}a(Ee,"collectSubjects");function te(s,e=5e3,t=Date.now){let r=t(),n=r;return i=>{let o=t();if(o-n<e)return;n=o;let l=(o-r)/1e3,h=i.bytesDone/l,d=i.bytesTotal!==void 0?h>0?(i.bytesTotal-i.bytesDone)/h:0:i.filesDone>0?l*(i.filesTotal-i.filesDone)/i.filesDone:void 0,b=i.bytesTotal!==void 0?`${g(i.bytesDone)} of ${g(i.bytesTotal)}`:`${g(i.bytesDone)} so far`;s.info(`Hashed ${i.filesDone}/${i.filesTotal} files, ${b} (${g(h)}/s, ${d===void 0?"time left unknown yet":`about ${Math.max(0,d).toFixed(0)} s left`})`)}}a(te,"progressLogger");function g(s){let e=["B","KiB","MiB","GiB","TiB"],t=s,r=0;for(;t>=1024&&r<e.length-1;)t/=1024,r++;return`${t.toFixed(r===0?0:1)} ${e[r]}`}a(g,"formatBytes");export{se as a,ge as b,xe as c,Ee as d,g as e};
