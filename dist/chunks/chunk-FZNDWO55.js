#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as D}from"./chunk-SSGDSHTD.js";import{b as F,c as v}from"./chunk-7WUH3YBP.js";import{a as p,c as A,d as j,e as H,f as E,g as y,h as P}from"./chunk-ON2IANYX.js";import{c as x}from"./chunk-IRMA2UAH.js";import{a as m,c as w}from"./chunk-AKE52X4C.js";import{a as c,b as f,d as u}from"./chunk-FY7JOBGF.js";import{a}from"./chunk-KI7I7O32.js";import{readFile as R}from"node:fs/promises";async function ne(n){if(n)try{let e=JSON.parse(await R(n,"utf8"));return e!==null&&typeof e=="object"?e:void 0}catch{return}}a(ne,"readEventPayload");var $=`'use strict';
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
`;var{availableParallelism:I}=x,k=class{static{a(this,"WarmWorkers")}idle=[];constructor(e){for(let r=0;r<e;r++){let t;try{t=N()}catch{break}t.unref(),t.on("error",()=>this.drop(t)),t.on("exit",()=>this.drop(t)),this.idle.push(t)}}take(){let e=this.idle.pop();return e?.removeAllListeners("error").removeAllListeners("exit"),e}dispose(){for(let e of this.idle.splice(0))e.terminate()}drop(e){let r=this.idle.indexOf(e);r>=0&&this.idle.splice(r,1)}};function _(n=I()){return new k(Math.max(0,Math.min(n-1,z)))}a(_,"startHashWorkers");var C=6e3,U=48*1024*1024,z=8,G=p,K=8*1024*1024,T=64,W=4*1024*1024;function Y(n,e,r=I()){if(e!==void 0)return{workers:Math.max(0,Math.min(e,n.length)),mainThread:!0};let t=n.some(o=>o.size===void 0),s=M(n);return{workers:n.length>=2&&(t||n.length/C+s/U>=1)?Math.max(0,Math.min(r-1,z,n.length-1)):0,mainThread:!0}}a(Y,"planHashing");async function O(n,e={}){return Z(n,e,Y(n,e.workers))}a(O,"hashFiles");function Z(n,e,r){return new Promise((t,s)=>new S(n,e,r,t,s).start()).finally(()=>e.warm?.dispose())}a(Z,"runHashing");var S=class{static{a(this,"HashJob")}algorithms;out;progress;order;next=new Int32Array(new SharedArrayBuffer(4));partial=new Map;settled=!1;workers=[];running=0;files;options;plan;resolve;reject;constructor(e,r,t,s,i){this.files=e,this.options=r,this.plan=t,this.resolve=s,this.reject=i,this.algorithms=r.algorithms??["sha256"],this.out=new Array(e.length),this.progress={filesDone:0,filesTotal:e.length,bytesDone:0,bytesTotal:e.some(o=>o.size===void 0)?void 0:M(e)},this.order=V(e)}start(){if(this.files.length===0)return this.settle();for(let e=0;e<this.plan.workers;e++)this.startWorker();(this.plan.mainThread||this.plan.workers===0)&&(this.running++,this.mainLoop().finally(()=>this.stopped()))}stopped(){--this.running>0||this.settled||setImmediate(()=>{if(this.settled)return;let e=this.files.findIndex((r,t)=>this.out[t]===void 0);this.fail(new c("INTERNAL",`hashing stopped with ${u(this.files[e]?.path??"?")} not hashed; please report this.`))})}async mainLoop(){for(;!this.settled;){let e=this.take();if(e===void 0)return;try{let r=0,t=0;for(let s=e;s!==void 0;s=this.takeSmall()){let i=A(this.files[s].path,this.algorithms,o=>this.addBytes(o));if(i instanceof Promise){let o=await i;this.finish(s,o.digest,o.size,o.size);break}if(this.finish(s,i.digest,i.size,0),this.settled||++r>=T||(t+=i.size)>=W)break}await new Promise(s=>setImmediate(s))}catch(r){return this.fail(r)}}}startWorker(){let e={algorithms:[...this.algorithms],chunkSize:p,reportEvery:16*p,batchFiles:T,batchBytes:W,paths:this.files.map(t=>t.path),order:this.order,next:this.next},r=this.options.warm?.take()??N();r.ref(),r.postMessage(e),this.workers.push(r),this.running++,r.on("message",t=>{if(!this.settled)try{if(t.partial){let[s,i]=t.partial;this.addBytes(i-(this.partial.get(s)??0)),this.partial.set(s,i);return}for(let s of t.results){let i=s[0];if(s[1]===-1){let h=Object.assign(new Error(s[3]),{code:s[2]||void 0});return this.fail(j(this.files[i].path,h))}let o={};this.algorithms.forEach((h,d)=>o[h]=s[2+d]);let l=this.partial.get(i)??0;this.partial.delete(i),this.finish(i,o,s[1],l)}}catch(s){this.fail(s)}}),r.on("error",t=>{let s=t instanceof Error?t.message:String(t);this.fail(new c("INTERNAL",`hashing worker failed: ${s}`,{cause:t}))}),r.on("exit",t=>{t!==0&&!this.settled&&this.fail(new c("INTERNAL",`hashing worker exited early (code ${t})`)),this.stopped()})}take(){let e=Atomics.add(this.next,0,1);return e<this.order.length?this.order[e]:void 0}takeSmall(){for(;;){let e=Atomics.load(this.next,0);if(e>=this.order.length||(this.files[this.order[e]].size??0)>G)return;if(Atomics.compareExchange(this.next,0,e,e+1)===e)return this.order[e]}}addBytes(e){this.settled||e===0||(this.progress.bytesDone+=e,this.options.onProgress?.(this.progress))}finish(e,r,t,s){if(this.settled)return;let i=this.files[e];this.out[e]={name:i.name,digest:r,size:t},this.progress.bytesDone+=t-s,this.progress.filesDone++,this.progress.filesDone===this.files.length&&(this.progress.bytesTotal=this.progress.bytesDone),this.options.onProgress?.(this.progress),this.progress.filesDone===this.files.length&&this.settle()}fail(e){if(!this.settled){this.settled=!0,Atomics.store(this.next,0,this.order.length);for(let r of this.workers)r.terminate();this.reject(e)}}settle(){this.settled=!0;for(let e of this.workers)e.unref();this.resolve(this.out)}};function V(n){let e=[],r=[];return n.forEach((t,s)=>((t.size??0)>=K?e:r).push(s)),e.sort((t,s)=>n[s].size-n[t].size||t-s),Int32Array.from(e.concat(r))}a(V,"hashingOrder");function M(n){let e=0;for(let r of n)e+=r.size??0;return e}a(M,"knownBytes");function N(){let{Worker:n}=process.getBuiltinModule("node:worker_threads");return new n($,{eval:!0})}a(N,"startWorkerThread");function X({warmAfterFiles:n=F,startWorkers:e=_}={}){let r,t=a(()=>{r?.dispose(),r=void 0},"drop");return{async collectFiles(s,i){t();try{return await v(s,{...i,onFound:a(o=>{i.onFound?.(o),r===void 0&&o>n&&(r=e())},"onFound")})}catch(o){throw t(),o}},hashFiles(s,i){let o=r;return r=void 0,O(s,{...i,warm:o})},readTextFile:a((s,i)=>D(s,i,"subject-checksums"),"readTextFile")}}a(X,"createNodeFileSystem");var be=X();function L(n,e){let r=[];return n.split(`
`).forEach((s,i)=>{let o=s.endsWith("\r")?s.slice(0,-1):s;if(o.trim()===""||o.startsWith("#"))return;let l=`${e}:${i+1}`,h=J(o,l)??Q(o,l);r.push({name:m(h.name,l),digest:{[h.algorithm]:h.hex}})}),r}a(L,"parseChecksums");function J(n,e){let r=/^(\\?)(SHA256|SHA384|SHA512|[A-Za-z0-9-]+) \((.*)\) = ([0-9A-Za-z]+)$/s.exec(n);if(!r)return;let t=E(r[2],e),s=r[1]?B(r[3],e):r[3];return{algorithm:t,hex:y(t,r[4],e),name:s}}a(J,"parseTagLine");function Q(n,e){let r=n.startsWith("\\"),t=r?n.slice(1):n,s=/^([0-9A-Fa-f]+) ([ *])(.+)$/s.exec(t);if(!s)throw f("CHECKSUM_LINE_INVALID",`${e}: expected "<hex digest>  <file name>" as sha256sum prints it, got ${u(n)}. Regenerate the file with \`sha256sum FILES > SHA256SUMS\` or fix this line.`);let i=s[1],o=q(i.length,e,n);return{algorithm:o,hex:y(o,i,e),name:r?B(s[3],e):s[3]}}a(Q,"parseGnuLine");function q(n,e,r){for(let[t,s]of Object.entries(H))if(s===n)return t;throw f("DIGEST_INVALID",`${e}: expected a sha256, sha384 or sha512 digest (64, 96 or 128 hexadecimal characters), got ${n} characters in ${u(r)}. Use sha256sum, sha384sum or sha512sum to make the file.`)}a(q,"algorithmForLength");function B(n,e){return n.replace(/\\(.)/g,(r,t)=>{if(t==="\\")return"\\";if(t==="n")return`
`;if(t==="r")return"\r";throw f("CHECKSUM_LINE_INVALID",`${e}: expected the escapes \\\\, \\n or \\r in an escaped name, got "\\${t}".`)})}a(B,"unescapeName");function Fe(n,e="sha256"){let r=[];for(let t of n){let s=t.digest[e];s!==void 0&&r.push(ee.test(t.name)?`\\${s}  ${t.name.replace(/\\/g,"\\\\").replace(/\n/g,"\\n").replace(/\r/g,"\\r")}
`:`${s}  ${t.name}
`)}return r.join("")}a(Fe,"formatChecksums");var ee=/[\\\n\r]/;var te=64*1024*1024;async function Pe(n,e,r){let t={patterns:"subject-path",checksumFiles:"subject-checksums",digests:"subject-digest",...n.inputNames},s=[];if(n.patterns.length>0){let o=await e.collectFiles(n.patterns,{baseDir:n.baseDir,allowOutsideBase:n.allowOutsideBase,ifNoFilesFound:n.ifNoFilesFound,warn:a(h=>r.warn(h),"warn"),inputName:t.patterns});r.info(`Hashing ${o.length} file${o.length===1?"":"s"} under ${n.baseDir}`);let l=await e.hashFiles(o,{algorithms:n.algorithms,onProgress:re(r)});s.push({origin:t.patterns,subjects:l})}for(let o of n.checksumFiles){let l=await e.readTextFile(o,te),h=L(l,`${t.checksumFiles} ${o}`);r.info(`Read ${h.length} subject${h.length===1?"":"s"} from ${o}`),s.push({origin:o,subjects:h})}let i=[];for(let{name:o,digest:l}of n.digests){let h=`${t.digests} ${u(o)}`,{algorithm:d,hex:b}=P(l,h);i.push({name:m(o,h),digest:{[d]:b}})}return s.push({origin:t.digests,subjects:i}),w(s)}a(Pe,"collectSubjects");function re(n,e=5e3,r=Date.now){let t=r(),s=t;return i=>{let o=r();if(o-s<e)return;s=o;let l=(o-t)/1e3,h=i.bytesDone/l,d=i.bytesTotal!==void 0?h>0?(i.bytesTotal-i.bytesDone)/h:0:i.filesDone>0?l*(i.filesTotal-i.filesDone)/i.filesDone:void 0,b=i.bytesTotal!==void 0?`${g(i.bytesDone)} of ${g(i.bytesTotal)}`:`${g(i.bytesDone)} so far`;n.info(`Hashed ${i.filesDone}/${i.filesTotal} files, ${b} (${g(h)}/s, ${d===void 0?"time left unknown yet":`about ${Math.max(0,d).toFixed(0)} s left`})`)}}a(re,"progressLogger");function g(n){let e=["B","KiB","MiB","GiB","TiB"],r=n,t=0;for(;r>=1024&&t<e.length-1;)r/=1024,t++;return`${r.toFixed(t===0?0:1)} ${e[t]}`}a(g,"formatBytes");export{ne as a,be as b,Fe as c,Pe as d,g as e};
