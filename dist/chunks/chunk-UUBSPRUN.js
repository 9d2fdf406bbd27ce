#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as H}from"./chunk-PXSONGWN.js";import{b as x,c as v}from"./chunk-4CWTQCNQ.js";import{a as p,b as F,c as A,d as j,e as D,f as E,g,h as $}from"./chunk-ZZ5DSDIH.js";import{b as m,d as w}from"./chunk-N7AYSWHI.js";import{a as u,b as d,d as c}from"./chunk-H26ZB4SC.js";import{a}from"./chunk-KI7I7O32.js";import{availableParallelism as W}from"node:os";import{Worker as M}from"node:worker_threads";var b=`'use strict';
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
parentPort.once('message', run);
function run({ algorithms, chunkSize, reportEvery, batchFiles, batchBytes, paths, order, next }) {
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
// Once the job's listener is gone nothing keeps the thread alive: it ends when this returns.
}
`;var y=class{static{a(this,"WarmWorkers")}idle;constructor(e){this.idle=Array.from({length:e},()=>{let t=new M(b,{eval:!0});return t.unref(),t.on("error",()=>this.drop(t)),t})}take(){let e=this.idle.pop();return e?.removeAllListeners("error"),e}dispose(){for(let e of this.idle.splice(0))e.terminate()}drop(e){let t=this.idle.indexOf(e);t>=0&&this.idle.splice(t,1)}};function _(s=W()){return new y(Math.max(0,Math.min(s-1,z)))}a(_,"startHashWorkers");var R=6e3,C=48*1024*1024,z=8,P=p,G=8*1024*1024,I=64,T=4*1024*1024;function U(s,e,t=W()){if(e!==void 0)return{workers:Math.max(0,Math.min(e,s.length)),mainThread:!0};let r=s.reduce((n,o)=>n+o.size,0);return{workers:s.length>=2&&s.length/R+r/C>=1?Math.max(0,Math.min(t-1,z,s.length-1)):0,mainThread:!0}}a(U,"planHashing");async function L(s,e={}){let t=U(s,e.workers);return K(s,e,t)}a(L,"hashFiles");function K(s,e,t){return new Promise((r,i)=>new S(s,e,t,r,i).start()).finally(()=>e.warm?.dispose())}a(K,"runHashing");var S=class{static{a(this,"HashJob")}algorithms;out;progress;order;next=new Int32Array(new SharedArrayBuffer(4));partial=new Map;settled=!1;workers=[];running=0;files;options;plan;resolve;reject;constructor(e,t,r,i,n){this.files=e,this.options=t,this.plan=r,this.resolve=i,this.reject=n,this.algorithms=t.algorithms??["sha256"],this.out=new Array(e.length),this.progress={filesDone:0,filesTotal:e.length,bytesDone:0,bytesTotal:e.reduce((o,l)=>o+l.size,0)},this.order=Y(e)}start(){if(this.files.length===0)return this.settle();for(let e=0;e<this.plan.workers;e++)this.startWorker();(this.plan.mainThread||this.plan.workers===0)&&(this.running++,this.mainLoop().finally(()=>this.stopped()))}stopped(){--this.running>0||this.settled||setImmediate(()=>{if(this.settled)return;let e=this.files.findIndex((t,r)=>this.out[r]===void 0);this.fail(new u("INTERNAL",`hashing stopped with ${c(this.files[e]?.path??"?")} not hashed; please report this.`))})}async mainLoop(){for(;!this.settled;){let e=this.take();if(e===void 0)return;let t=this.files[e];try{if(t.size>P){let n=await F(t.path,this.algorithms,o=>this.addBytes(o));this.finish(e,n.digest,n.size,n.size);continue}let r=0,i=0;for(let n=e;n!==void 0;n=this.takeSmall()){let o=A(this.files[n].path,this.algorithms);if(this.finish(n,o.digest,o.size,0),this.settled||++r>=I||(i+=o.size)>=T)break}await new Promise(n=>setImmediate(n))}catch(r){return this.fail(r)}}}startWorker(){let e={algorithms:[...this.algorithms],chunkSize:p,reportEvery:16*p,batchFiles:I,batchBytes:T,paths:this.files.map(r=>r.path),order:this.order,next:this.next},t=this.options.warm?.take()??new M(b,{eval:!0});t.ref(),t.postMessage(e),this.workers.push(t),this.running++,t.on("message",r=>{if(!this.settled)try{if(r.partial){let[i,n]=r.partial;this.addBytes(n-(this.partial.get(i)??0)),this.partial.set(i,n);return}for(let i of r.results){let n=i[0];if(i[1]===-1){let h=Object.assign(new Error(i[3]),{code:i[2]||void 0});return this.fail(j(this.files[n].path,h))}let o={};this.algorithms.forEach((h,f)=>o[h]=i[2+f]);let l=this.partial.get(n)??0;this.partial.delete(n),this.finish(n,o,i[1],l)}}catch(i){this.fail(i)}}),t.on("error",r=>{let i=r instanceof Error?r.message:String(r);this.fail(new u("INTERNAL",`hashing worker failed: ${i}`,{cause:r}))}),t.on("exit",r=>{r!==0&&!this.settled&&this.fail(new u("INTERNAL",`hashing worker exited early (code ${r})`)),this.stopped()})}take(){let e=Atomics.add(this.next,0,1);return e<this.order.length?this.order[e]:void 0}takeSmall(){for(;;){let e=Atomics.load(this.next,0);if(e>=this.order.length||this.files[this.order[e]].size>P)return;if(Atomics.compareExchange(this.next,0,e,e+1)===e)return this.order[e]}}addBytes(e){this.settled||e===0||(this.progress.bytesDone+=e,this.options.onProgress?.(this.progress))}finish(e,t,r,i){if(this.settled)return;let n=this.files[e];this.out[e]={name:n.name,digest:t,size:r},this.progress.bytesDone+=r-i,this.progress.filesDone++,this.options.onProgress?.(this.progress),this.progress.filesDone===this.files.length&&this.settle()}fail(e){if(!this.settled){this.settled=!0,Atomics.store(this.next,0,this.order.length);for(let t of this.workers)t.terminate();this.reject(e)}}settle(){this.settled=!0;for(let e of this.workers)e.unref();this.resolve(this.out)}};function Y(s){let e=[],t=[];return s.forEach((r,i)=>(r.size>=G?e:t).push(i)),e.sort((r,i)=>s[i].size-s[r].size||r-i),Int32Array.from(e.concat(t))}a(Y,"hashingOrder");function V(){let s;return{async collectFiles(e,t){s?.dispose(),s=x(e,t.baseDir)?_():void 0;try{return await v(e,t)}catch(r){throw s?.dispose(),s=void 0,r}},hashFiles(e,t){let r=s;return s=void 0,L(e,{...t,warm:r})},readTextFile:a((e,t)=>H(e,t,"subject-checksums"),"readTextFile")}}a(V,"createNodeFileSystem");var ue=V();function O(s,e){let t=[];return s.split(`
`).forEach((i,n)=>{let o=i.endsWith("\r")?i.slice(0,-1):i;if(o.trim()===""||o.startsWith("#"))return;let l=`${e}:${n+1}`,h=X(o,l)??Z(o,l);t.push({name:m(h.name,l),digest:{[h.algorithm]:h.hex}})}),t}a(O,"parseChecksums");function X(s,e){let t=/^(\\?)(SHA256|SHA384|SHA512|[A-Za-z0-9-]+) \((.*)\) = ([0-9A-Za-z]+)$/s.exec(s);if(!t)return;let r=E(t[2],e),i=t[1]?B(t[3],e):t[3];return{algorithm:r,hex:g(r,t[4],e),name:i}}a(X,"parseTagLine");function Z(s,e){let t=s.startsWith("\\"),r=t?s.slice(1):s,i=/^([0-9A-Fa-f]+) ([ *])(.+)$/s.exec(r);if(!i)throw d("CHECKSUM_LINE_INVALID",`${e}: expected "<hex digest>  <file name>" as sha256sum prints it, got ${c(s)}. Regenerate the file with \`sha256sum FILES > SHA256SUMS\` or fix this line.`);let n=i[1],o=Q(n.length,e,s);return{algorithm:o,hex:g(o,n,e),name:t?B(i[3],e):i[3]}}a(Z,"parseGnuLine");function Q(s,e,t){for(let[r,i]of Object.entries(D))if(i===s)return r;throw d("DIGEST_INVALID",`${e}: expected a sha256, sha384 or sha512 digest (64, 96 or 128 hexadecimal characters), got ${s} characters in ${c(t)}. Use sha256sum, sha384sum or sha512sum to make the file.`)}a(Q,"algorithmForLength");function B(s,e){return s.replace(/\\(.)/g,(t,r)=>{if(r==="\\")return"\\";if(r==="n")return`
`;if(r==="r")return"\r";throw d("CHECKSUM_LINE_INVALID",`${e}: expected the escapes \\\\, \\n or \\r in an escaped name, got "\\${r}".`)})}a(B,"unescapeName");function be(s,e="sha256"){return s.filter(t=>t.digest[e]!==void 0).map(t=>{let r=/[\\\n\r]/.test(t.name),i=r?t.name.replace(/\\/g,"\\\\").replace(/\n/g,"\\n").replace(/\r/g,"\\r"):t.name;return`${r?"\\":""}${t.digest[e]}  ${i}
`}).join("")}a(be,"formatChecksums");var q=64*1024*1024;async function Fe(s,e,t){let r={patterns:"subject-path",checksumFiles:"subject-checksums",digests:"subject-digest",...s.inputNames},i=[];if(s.patterns.length>0){let o=await e.collectFiles(s.patterns,{baseDir:s.baseDir,allowOutsideBase:s.allowOutsideBase,ifNoFilesFound:s.ifNoFilesFound,warn:a(h=>t.warn(h),"warn"),inputName:r.patterns});t.info(`Hashing ${o.length} file${o.length===1?"":"s"} under ${s.baseDir}`);let l=await e.hashFiles(o,{algorithms:s.algorithms,onProgress:J(t)});i.push({origin:r.patterns,subjects:l})}for(let o of s.checksumFiles){let l=await e.readTextFile(o,q),h=O(l,`${r.checksumFiles} ${o}`);t.info(`Read ${h.length} subject${h.length===1?"":"s"} from ${o}`),i.push({origin:o,subjects:h})}let n=[];for(let{name:o,digest:l}of s.digests){let h=`${r.digests} ${c(o)}`,{algorithm:f,hex:N}=$(l,h);n.push({name:m(o,h),digest:{[f]:N}})}return i.push({origin:r.digests,subjects:n}),w(i)}a(Fe,"collectSubjects");function J(s,e=5e3){let t=Date.now(),r=t;return i=>{let n=Date.now();if(n-r<e)return;r=n;let o=(n-t)/1e3,l=i.bytesDone/o,h=l>0?Math.max(0,(i.bytesTotal-i.bytesDone)/l):0;s.info(`Hashed ${i.filesDone}/${i.filesTotal} files, ${k(i.bytesDone)} of ${k(i.bytesTotal)} (${k(l)}/s, about ${h.toFixed(0)} s left)`)}}a(J,"progressLogger");function k(s){let e=["B","KiB","MiB","GiB","TiB"],t=s,r=0;for(;t>=1024&&r<e.length-1;)t/=1024,r++;return`${t.toFixed(r===0?0:1)} ${e[r]}`}a(k,"formatBytes");export{ue as a,be as b,Fe as c,k as d};
