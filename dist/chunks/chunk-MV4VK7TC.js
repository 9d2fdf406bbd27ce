#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as D}from"./chunk-NG74J5QH.js";import{b as v,c as F}from"./chunk-KLBTVICK.js";import{a as p,c as A,d as j,e as H,f as E,g as y,h as $}from"./chunk-NWCS36VI.js";import{c as x}from"./chunk-IRMA2UAH.js";import{a as m,c as w}from"./chunk-CUZB2ASK.js";import{a as c,b as f,d as u}from"./chunk-H26ZB4SC.js";import{a}from"./chunk-KI7I7O32.js";var P=`'use strict';
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
`;var{availableParallelism:W}=x,k=class{static{a(this,"WarmWorkers")}idle=[];constructor(e){for(let t=0;t<e;t++){let s;try{s=B()}catch{break}s.unref(),s.on("error",()=>this.drop(s)),s.on("exit",()=>this.drop(s)),this.idle.push(s)}}take(){let e=this.idle.pop();return e?.removeAllListeners("error").removeAllListeners("exit"),e}dispose(){for(let e of this.idle.splice(0))e.terminate()}drop(e){let t=this.idle.indexOf(e);t>=0&&this.idle.splice(t,1)}};function _(r=W()){return new k(Math.max(0,Math.min(r-1,z)))}a(_,"startHashWorkers");var R=6e3,C=48*1024*1024,z=8,U=p,G=8*1024*1024,T=64,I=4*1024*1024;function K(r,e,t=W()){if(e!==void 0)return{workers:Math.max(0,Math.min(e,r.length)),mainThread:!0};let s=r.some(o=>o.size===void 0),n=L(r);return{workers:r.length>=2&&(s||r.length/R+n/C>=1)?Math.max(0,Math.min(t-1,z,r.length-1)):0,mainThread:!0}}a(K,"planHashing");async function M(r,e={}){return Y(r,e,K(r,e.workers))}a(M,"hashFiles");function Y(r,e,t){return new Promise((s,n)=>new S(r,e,t,s,n).start()).finally(()=>e.warm?.dispose())}a(Y,"runHashing");var S=class{static{a(this,"HashJob")}algorithms;out;progress;order;next=new Int32Array(new SharedArrayBuffer(4));partial=new Map;settled=!1;workers=[];running=0;files;options;plan;resolve;reject;constructor(e,t,s,n,i){this.files=e,this.options=t,this.plan=s,this.resolve=n,this.reject=i,this.algorithms=t.algorithms??["sha256"],this.out=new Array(e.length),this.progress={filesDone:0,filesTotal:e.length,bytesDone:0,bytesTotal:e.some(o=>o.size===void 0)?void 0:L(e)},this.order=V(e)}start(){if(this.files.length===0)return this.settle();for(let e=0;e<this.plan.workers;e++)this.startWorker();(this.plan.mainThread||this.plan.workers===0)&&(this.running++,this.mainLoop().finally(()=>this.stopped()))}stopped(){--this.running>0||this.settled||setImmediate(()=>{if(this.settled)return;let e=this.files.findIndex((t,s)=>this.out[s]===void 0);this.fail(new c("INTERNAL",`hashing stopped with ${u(this.files[e]?.path??"?")} not hashed; please report this.`))})}async mainLoop(){for(;!this.settled;){let e=this.take();if(e===void 0)return;try{let t=0,s=0;for(let n=e;n!==void 0;n=this.takeSmall()){let i=A(this.files[n].path,this.algorithms,o=>this.addBytes(o));if(i instanceof Promise){let o=await i;this.finish(n,o.digest,o.size,o.size);break}if(this.finish(n,i.digest,i.size,0),this.settled||++t>=T||(s+=i.size)>=I)break}await new Promise(n=>setImmediate(n))}catch(t){return this.fail(t)}}}startWorker(){let e={algorithms:[...this.algorithms],chunkSize:p,reportEvery:16*p,batchFiles:T,batchBytes:I,paths:this.files.map(s=>s.path),order:this.order,next:this.next},t=this.options.warm?.take()??B();t.ref(),t.postMessage(e),this.workers.push(t),this.running++,t.on("message",s=>{if(!this.settled)try{if(s.partial){let[n,i]=s.partial;this.addBytes(i-(this.partial.get(n)??0)),this.partial.set(n,i);return}for(let n of s.results){let i=n[0];if(n[1]===-1){let h=Object.assign(new Error(n[3]),{code:n[2]||void 0});return this.fail(j(this.files[i].path,h))}let o={};this.algorithms.forEach((h,d)=>o[h]=n[2+d]);let l=this.partial.get(i)??0;this.partial.delete(i),this.finish(i,o,n[1],l)}}catch(n){this.fail(n)}}),t.on("error",s=>{let n=s instanceof Error?s.message:String(s);this.fail(new c("INTERNAL",`hashing worker failed: ${n}`,{cause:s}))}),t.on("exit",s=>{s!==0&&!this.settled&&this.fail(new c("INTERNAL",`hashing worker exited early (code ${s})`)),this.stopped()})}take(){let e=Atomics.add(this.next,0,1);return e<this.order.length?this.order[e]:void 0}takeSmall(){for(;;){let e=Atomics.load(this.next,0);if(e>=this.order.length||(this.files[this.order[e]].size??0)>U)return;if(Atomics.compareExchange(this.next,0,e,e+1)===e)return this.order[e]}}addBytes(e){this.settled||e===0||(this.progress.bytesDone+=e,this.options.onProgress?.(this.progress))}finish(e,t,s,n){if(this.settled)return;let i=this.files[e];this.out[e]={name:i.name,digest:t,size:s},this.progress.bytesDone+=s-n,this.progress.filesDone++,this.progress.filesDone===this.files.length&&(this.progress.bytesTotal=this.progress.bytesDone),this.options.onProgress?.(this.progress),this.progress.filesDone===this.files.length&&this.settle()}fail(e){if(!this.settled){this.settled=!0,Atomics.store(this.next,0,this.order.length);for(let t of this.workers)t.terminate();this.reject(e)}}settle(){this.settled=!0;for(let e of this.workers)e.unref();this.resolve(this.out)}};function V(r){let e=[],t=[];return r.forEach((s,n)=>((s.size??0)>=G?e:t).push(n)),e.sort((s,n)=>r[n].size-r[s].size||s-n),Int32Array.from(e.concat(t))}a(V,"hashingOrder");function L(r){let e=0;for(let t of r)e+=t.size??0;return e}a(L,"knownBytes");function B(){let{Worker:r}=process.getBuiltinModule("node:worker_threads");return new r(P,{eval:!0})}a(B,"startWorkerThread");function X(){let r;return{async collectFiles(e,t){r?.dispose(),r=v(e,t.baseDir)?_():void 0;try{return await F(e,t)}catch(s){throw r?.dispose(),r=void 0,s}},hashFiles(e,t){let s=r;return r=void 0,M(e,{...t,warm:s})},readTextFile:a((e,t)=>D(e,t,"subject-checksums"),"readTextFile")}}a(X,"createNodeFileSystem");var de=X();function O(r,e){let t=[];return r.split(`
`).forEach((n,i)=>{let o=n.endsWith("\r")?n.slice(0,-1):n;if(o.trim()===""||o.startsWith("#"))return;let l=`${e}:${i+1}`,h=Z(o,l)??Q(o,l);t.push({name:m(h.name,l),digest:{[h.algorithm]:h.hex}})}),t}a(O,"parseChecksums");function Z(r,e){let t=/^(\\?)(SHA256|SHA384|SHA512|[A-Za-z0-9-]+) \((.*)\) = ([0-9A-Za-z]+)$/s.exec(r);if(!t)return;let s=E(t[2],e),n=t[1]?N(t[3],e):t[3];return{algorithm:s,hex:y(s,t[4],e),name:n}}a(Z,"parseTagLine");function Q(r,e){let t=r.startsWith("\\"),s=t?r.slice(1):r,n=/^([0-9A-Fa-f]+) ([ *])(.+)$/s.exec(s);if(!n)throw f("CHECKSUM_LINE_INVALID",`${e}: expected "<hex digest>  <file name>" as sha256sum prints it, got ${u(r)}. Regenerate the file with \`sha256sum FILES > SHA256SUMS\` or fix this line.`);let i=n[1],o=q(i.length,e,r);return{algorithm:o,hex:y(o,i,e),name:t?N(n[3],e):n[3]}}a(Q,"parseGnuLine");function q(r,e,t){for(let[s,n]of Object.entries(H))if(n===r)return s;throw f("DIGEST_INVALID",`${e}: expected a sha256, sha384 or sha512 digest (64, 96 or 128 hexadecimal characters), got ${r} characters in ${u(t)}. Use sha256sum, sha384sum or sha512sum to make the file.`)}a(q,"algorithmForLength");function N(r,e){return r.replace(/\\(.)/g,(t,s)=>{if(s==="\\")return"\\";if(s==="n")return`
`;if(s==="r")return"\r";throw f("CHECKSUM_LINE_INVALID",`${e}: expected the escapes \\\\, \\n or \\r in an escaped name, got "\\${s}".`)})}a(N,"unescapeName");function be(r,e="sha256"){return r.filter(t=>t.digest[e]!==void 0).map(t=>{let s=/[\\\n\r]/.test(t.name),n=s?t.name.replace(/\\/g,"\\\\").replace(/\n/g,"\\n").replace(/\r/g,"\\r"):t.name;return`${s?"\\":""}${t.digest[e]}  ${n}
`}).join("")}a(be,"formatChecksums");var J=64*1024*1024;async function Fe(r,e,t){let s={patterns:"subject-path",checksumFiles:"subject-checksums",digests:"subject-digest",...r.inputNames},n=[];if(r.patterns.length>0){let o=await e.collectFiles(r.patterns,{baseDir:r.baseDir,allowOutsideBase:r.allowOutsideBase,ifNoFilesFound:r.ifNoFilesFound,warn:a(h=>t.warn(h),"warn"),inputName:s.patterns});t.info(`Hashing ${o.length} file${o.length===1?"":"s"} under ${r.baseDir}`);let l=await e.hashFiles(o,{algorithms:r.algorithms,onProgress:ee(t)});n.push({origin:s.patterns,subjects:l})}for(let o of r.checksumFiles){let l=await e.readTextFile(o,J),h=O(l,`${s.checksumFiles} ${o}`);t.info(`Read ${h.length} subject${h.length===1?"":"s"} from ${o}`),n.push({origin:o,subjects:h})}let i=[];for(let{name:o,digest:l}of r.digests){let h=`${s.digests} ${u(o)}`,{algorithm:d,hex:b}=$(l,h);i.push({name:m(o,h),digest:{[d]:b}})}return n.push({origin:s.digests,subjects:i}),w(n)}a(Fe,"collectSubjects");function ee(r,e=5e3,t=Date.now){let s=t(),n=s;return i=>{let o=t();if(o-n<e)return;n=o;let l=(o-s)/1e3,h=i.bytesDone/l,d=i.bytesTotal!==void 0?h>0?(i.bytesTotal-i.bytesDone)/h:0:i.filesDone>0?l*(i.filesTotal-i.filesDone)/i.filesDone:void 0,b=i.bytesTotal!==void 0?`${g(i.bytesDone)} of ${g(i.bytesTotal)}`:`${g(i.bytesDone)} so far`;r.info(`Hashed ${i.filesDone}/${i.filesTotal} files, ${b} (${g(h)}/s, ${d===void 0?"time left unknown yet":`about ${Math.max(0,d).toFixed(0)} s left`})`)}}a(ee,"progressLogger");function g(r){let e=["B","KiB","MiB","GiB","TiB"],t=r,s=0;for(;t>=1024&&s<e.length-1;)t/=1024,s++;return`${t.toFixed(s===0?0:1)} ${e[s]}`}a(g,"formatBytes");export{de as a,be as b,Fe as c,g as d};
