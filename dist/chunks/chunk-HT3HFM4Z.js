#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as v}from"./chunk-PXSONGWN.js";import{b as k}from"./chunk-HQ2D2NML.js";import{a as p,b as x,c as w,d as F,e as A,f as D,g,h as H}from"./chunk-VJSABMJ6.js";import{b as m,d as S}from"./chunk-MR7MRM2R.js";import{a as u,b as d,d as c}from"./chunk-H26ZB4SC.js";import{a as h}from"./chunk-KI7I7O32.js";import{availableParallelism as z}from"node:os";import{Worker as L}from"node:worker_threads";var E=`'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
const { algorithms, chunkSize, reportEvery, batchFiles, batchBytes, paths, order, next } = workerData;
const buffer = Buffer.allocUnsafeSlow(chunkSize);
function hashOne(id) {
  const hashes = algorithms.map((a) => createHash(a));
  const fd = openSync(paths[id], 'r');
  let size = 0;
  let reported = 0;
  try {
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
  } finally {
    closeSync(fd);
  }
  return [id, size, ...hashes.map((h) => h.digest('hex'))];
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
`;var B=6e3,M=48*1024*1024,N=8,j=p,O=8*1024*1024,$=64,I=4*1024*1024;function R(i,e,s=z()){if(e!==void 0)return{workers:Math.max(0,Math.min(e,i.length)),mainThread:!0};let t=i.reduce((n,o)=>n+o.size,0);return{workers:i.length>=2&&i.length/B+t/M>=1?Math.max(0,Math.min(s-1,N,i.length-1)):0,mainThread:!0}}h(R,"planHashing");async function P(i,e={}){return W(i,e,R(i,e.workers))}h(P,"hashFiles");function W(i,e,s){return new Promise((t,r)=>new b(i,e,s,t,r).start())}h(W,"runHashing");var b=class{constructor(e,s,t,r,n){this.files=e;this.options=s;this.plan=t;this.resolve=r;this.reject=n;this.algorithms=s.algorithms??["sha256"],this.out=new Array(e.length),this.progress={filesDone:0,filesTotal:e.length,bytesDone:0,bytesTotal:e.reduce((o,a)=>o+a.size,0)},this.order=C(e)}files;options;plan;resolve;reject;static{h(this,"HashJob")}algorithms;out;progress;order;next=new Int32Array(new SharedArrayBuffer(4));partial=new Map;settled=!1;workers=[];running=0;start(){if(this.files.length===0)return this.settle();for(let e=0;e<this.plan.workers;e++)this.startWorker();(this.plan.mainThread||this.plan.workers===0)&&(this.running++,this.mainLoop().finally(()=>this.stopped()))}stopped(){--this.running>0||this.settled||setImmediate(()=>{if(this.settled)return;let e=this.files.findIndex((s,t)=>this.out[t]===void 0);this.fail(new u("INTERNAL",`hashing stopped with ${c(this.files[e]?.path??"?")} not hashed; please report this.`))})}async mainLoop(){for(;!this.settled;){let e=this.take();if(e===void 0)return;let s=this.files[e];try{if(s.size>j){let n=await x(s.path,this.algorithms,o=>this.addBytes(o));this.finish(e,n.digest,n.size,n.size);continue}let t=0,r=0;for(let n=e;n!==void 0;n=this.takeSmall()){let o=w(this.files[n].path,this.algorithms);if(this.finish(n,o.digest,o.size,0),this.settled||++t>=$||(r+=o.size)>=I)break}await new Promise(n=>setImmediate(n))}catch(t){return this.fail(t)}}}startWorker(){let e={algorithms:[...this.algorithms],chunkSize:p,reportEvery:16*p,batchFiles:$,batchBytes:I,paths:this.files.map(t=>t.path),order:this.order,next:this.next},s=new L(E,{eval:!0,workerData:e});this.workers.push(s),this.running++,s.on("message",t=>{if(!this.settled)try{if(t.partial){let[r,n]=t.partial;this.addBytes(n-(this.partial.get(r)??0)),this.partial.set(r,n);return}for(let r of t.results){let n=r[0];if(r[1]===-1){let l=Object.assign(new Error(r[3]),{code:r[2]||void 0});return this.fail(F(this.files[n].path,l))}let o={};this.algorithms.forEach((l,f)=>o[l]=r[2+f]);let a=this.partial.get(n)??0;this.partial.delete(n),this.finish(n,o,r[1],a)}}catch(r){this.fail(r)}}),s.on("error",t=>{let r=t instanceof Error?t.message:String(t);this.fail(new u("INTERNAL",`hashing worker failed: ${r}`,{cause:t}))}),s.on("exit",t=>{t!==0&&!this.settled&&this.fail(new u("INTERNAL",`hashing worker exited early (code ${t})`)),this.stopped()})}take(){let e=Atomics.add(this.next,0,1);return e<this.order.length?this.order[e]:void 0}takeSmall(){for(;;){let e=Atomics.load(this.next,0);if(e>=this.order.length||this.files[this.order[e]].size>j)return;if(Atomics.compareExchange(this.next,0,e,e+1)===e)return this.order[e]}}addBytes(e){this.settled||e===0||(this.progress.bytesDone+=e,this.options.onProgress?.(this.progress))}finish(e,s,t,r){if(this.settled)return;let n=this.files[e];this.out[e]={name:n.name,digest:s,size:t},this.progress.bytesDone+=t-r,this.progress.filesDone++,this.options.onProgress?.(this.progress),this.progress.filesDone===this.files.length&&this.settle()}fail(e){if(!this.settled){this.settled=!0,Atomics.store(this.next,0,this.order.length);for(let s of this.workers)s.terminate();this.reject(e)}}settle(){this.settled=!0;for(let e of this.workers)e.unref();this.resolve(this.out)}};function C(i){let e=[],s=[];return i.forEach((t,r)=>(t.size>=O?e:s).push(r)),e.sort((t,r)=>i[r].size-i[t].size||t-r),Int32Array.from(e.concat(s))}h(C,"hashingOrder");var oe={collectFiles:k,hashFiles:P,readTextFile:h((i,e)=>v(i,e,"subject-checksums"),"readTextFile")};function T(i,e){let s=[];return i.split(`
`).forEach((r,n)=>{let o=r.endsWith("\r")?r.slice(0,-1):r;if(o.trim()===""||o.startsWith("#"))return;let a=`${e}:${n+1}`,l=U(o,a)??K(o,a);s.push({name:m(l.name,a),digest:{[l.algorithm]:l.hex}})}),s}h(T,"parseChecksums");function U(i,e){let s=/^(\\?)(SHA256|SHA384|SHA512|[A-Za-z0-9-]+) \((.*)\) = ([0-9A-Za-z]+)$/s.exec(i);if(!s)return;let t=D(s[2],e),r=s[1]?_(s[3],e):s[3];return{algorithm:t,hex:g(t,s[4],e),name:r}}h(U,"parseTagLine");function K(i,e){let s=i.startsWith("\\"),t=s?i.slice(1):i,r=/^([0-9A-Fa-f]+) ([ *])(.+)$/s.exec(t);if(!r)throw d("CHECKSUM_LINE_INVALID",`${e}: expected "<hex digest>  <file name>" as sha256sum prints it, got ${c(i)}. Regenerate the file with \`sha256sum FILES > SHA256SUMS\` or fix this line.`);let n=r[1],o=G(n.length,e,i);return{algorithm:o,hex:g(o,n,e),name:s?_(r[3],e):r[3]}}h(K,"parseGnuLine");function G(i,e,s){for(let[t,r]of Object.entries(A))if(r===i)return t;throw d("DIGEST_INVALID",`${e}: expected a sha256, sha384 or sha512 digest (64, 96 or 128 hexadecimal characters), got ${i} characters in ${c(s)}. Use sha256sum, sha384sum or sha512sum to make the file.`)}h(G,"algorithmForLength");function _(i,e){return i.replace(/\\(.)/g,(s,t)=>{if(t==="\\")return"\\";if(t==="n")return`
`;if(t==="r")return"\r";throw d("CHECKSUM_LINE_INVALID",`${e}: expected the escapes \\\\, \\n or \\r in an escaped name, got "\\${t}".`)})}h(_,"unescapeName");function de(i,e="sha256"){return i.filter(s=>s.digest[e]!==void 0).map(s=>{let t=/[\\\n\r]/.test(s.name),r=t?s.name.replace(/\\/g,"\\\\").replace(/\n/g,"\\n").replace(/\r/g,"\\r"):s.name;return`${t?"\\":""}${s.digest[e]}  ${r}
`}).join("")}h(de,"formatChecksums");var Y=64*1024*1024;async function Se(i,e,s){let t={patterns:"subject-path",checksumFiles:"subject-checksums",digests:"subject-digest",...i.inputNames},r=[];if(i.patterns.length>0){let n=await e.collectFiles(i.patterns,{baseDir:i.baseDir,allowOutsideBase:i.allowOutsideBase,ifNoFilesFound:i.ifNoFilesFound,warn:h(a=>s.warn(a),"warn"),inputName:t.patterns});s.info(`Hashing ${n.length} file${n.length===1?"":"s"} under ${i.baseDir}`);let o=await e.hashFiles(n,{algorithms:i.algorithms,onProgress:V(s)});for(let a of o)r.push({...a,origin:`${t.patterns} (${a.name})`})}for(let n of i.checksumFiles){let o=await e.readTextFile(n,Y),a=T(o,`${t.checksumFiles} ${n}`);s.info(`Read ${a.length} subject${a.length===1?"":"s"} from ${n}`);for(let l of a)r.push({...l,origin:n})}for(let{name:n,digest:o}of i.digests){let a=`${t.digests} ${c(n)}`,{algorithm:l,hex:f}=H(o,a);r.push({name:m(n,a),digest:{[l]:f},origin:t.digests})}return S(r)}h(Se,"collectSubjects");function V(i,e=5e3){let s=Date.now(),t=s;return r=>{let n=Date.now();if(n-t<e)return;t=n;let o=(n-s)/1e3,a=r.bytesDone/o,l=a>0?Math.max(0,(r.bytesTotal-r.bytesDone)/a):0;i.info(`Hashed ${r.filesDone}/${r.filesTotal} files, ${y(r.bytesDone)} of ${y(r.bytesTotal)} (${y(a)}/s, about ${l.toFixed(0)} s left)`)}}h(V,"progressLogger");function y(i){let e=["B","KiB","MiB","GiB","TiB"],s=i,t=0;for(;s>=1024&&t<e.length-1;)s/=1024,t++;return`${s.toFixed(t===0?0:1)} ${e[t]}`}h(y,"formatBytes");export{oe as a,de as b,Se as c,y as d};
